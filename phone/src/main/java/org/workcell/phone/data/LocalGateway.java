package org.workcell.phone.data;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.workcell.sdk.data.CrmService;
import org.workcell.sdk.data.DocumentService;
import org.workcell.sdk.data.Gateway;
import org.workcell.sdk.data.MailService;

/**
 * The gateway a phone uses until the server's gateway is there: the user's mail, CRM and documents
 * kept as JSON files in the phone's data folder ({@code mail.json}, {@code crm.json},
 * {@code documents.json} with the bytes under {@code documents/}).
 *
 * <p>On first use each part is seeded with sample data that depends only on the user and the clock.
 * Every change is checked first (a refused request changes nothing) and then written atomically
 * (temporary file, sync, rename), so a killed phone loses no committed change and never leaves a
 * torn file. A damaged file is reported as {@code UNAVAILABLE} and left untouched. Thread-safe: each
 * service has one lock. One gateway per data folder at a time.
 */
public final class LocalGateway implements Gateway {
    private final LocalMail mail;
    private final LocalCrm crm;
    private final LocalDocuments documents;

    /**
     * @param dataFolder the phone's data folder (created if missing)
     * @param user the user's name or email address; names the mailbox ({@code name@workcell.example}
     *     unless an address is given) and personalises the sample data
     * @param clock the time of sent mail and the "now" the sample data is dated from
     */
    public LocalGateway(Path dataFolder, String user, Clock clock) {
        Objects.requireNonNull(dataFolder, "dataFolder");
        Objects.requireNonNull(clock, "clock");
        Identity me = Identity.of(user);
        Path folder = dataFolder.toAbsolutePath();
        this.mail = new LocalMail(folder, me, clock);
        this.crm = new LocalCrm(folder, me, clock);
        this.documents = new LocalDocuments(folder, me, clock);
    }

    @Override
    public MailService mail() {
        return mail;
    }

    @Override
    public CrmService crm() {
        return crm;
    }

    @Override
    public DocumentService documents() {
        return documents;
    }
}
