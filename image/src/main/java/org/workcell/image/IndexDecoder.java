package org.workcell.image;

import java.io.IOException;

/**
 * Turns the bytes of an image index (a .caibx file) into an {@link ImageIndex}. The fetcher takes
 * one from its caller rather than knowing the file format itself, so that fetching and the index
 * format can change apart. The fetcher calls it only on bytes whose SHA-256 the signed manifest
 * pins, but a decoder should still refuse malformed input with an exception rather than guess.
 */
@FunctionalInterface
public interface IndexDecoder {
    ImageIndex decode(byte[] bytes) throws IOException;
}
