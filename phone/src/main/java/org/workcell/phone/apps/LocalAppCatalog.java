package org.workcell.phone.apps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The catalog shipped in the image ({@code catalog/*.wcapp}): every app in it is offered and may
 * be installed without approval. Packages that do not load are left out.
 */
public final class LocalAppCatalog implements AppCatalog {
    private final Path folder;

    public LocalAppCatalog(Path folder) {
        this.folder = folder;
    }

    @Override
    public List<Offer> offers() throws IOException {
        List<Offer> offers = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return offers;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.wcapp")) {
            for (Path file : files) {
                try (AppPackage pkg = AppPackage.open(file)) {
                    offers.add(new Offer(pkg.manifest(), Files.size(file), false, RequestState.APPROVED));
                } catch (IOException e) {
                    // a damaged package is not offered; the rest of the catalog still is
                }
            }
        }
        offers.sort(Comparator.comparing(o -> o.manifest().name()));
        return offers;
    }

    @Override
    public RequestState request(String appId, String note) throws IOException {
        find(appId);
        return RequestState.APPROVED;
    }

    @Override
    public byte[] download(String appId) throws IOException {
        Path file = find(appId);
        if (Files.size(file) > AppPackage.MAX_BYTES) {
            throw new IOException(appId + " is larger than an app package may be");
        }
        return Files.readAllBytes(file);
    }

    private Path find(String appId) throws IOException {
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.wcapp")) {
                for (Path file : files) {
                    try (AppPackage pkg = AppPackage.open(file)) {
                        if (pkg.manifest().id().equals(appId)) {
                            return file;
                        }
                    } catch (IOException e) {
                        // not this one
                    }
                }
            }
        }
        throw new IOException("the catalog offers no app " + appId);
    }
}
