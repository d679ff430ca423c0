package org.workcell.image.internal;

/**
 * One entry as the central directory states it, after {@link ZipReader} checked it against its
 * local header and its place in the file.
 *
 * @param name           the checked name
 * @param method         {@link ZipReader#STORED} or {@link ZipReader#DEFLATED}
 * @param crc            CRC-32 of the uncompressed bytes
 * @param compressedSize bytes of data in the file, from {@code dataOffset}
 * @param size           uncompressed bytes, as declared; the extractor counts the real ones
 * @param headerOffset   where its local header starts
 * @param dataOffset     where its data starts
 */
public record ZipEntryRecord(
        EntryName name, int method, long crc, long compressedSize, long size, long headerOffset, long dataOffset) {
}
