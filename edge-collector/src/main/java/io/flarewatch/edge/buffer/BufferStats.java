package io.flarewatch.edge.buffer;

/**
 * What the buffer holds.
 *
 * @param lines lines waiting for central
 * @param bytes bytes of those lines
 * @param oldestCollectedMillis when the oldest waiting line was appended, or 0 when empty
 * @param droppedLines lines dropped since the buffer was created because it was full
 * @param corruptFilesSetAside buffer files found corrupt at start and moved aside
 * @param limitBytes the most bytes of lines it may hold now: the lower of {@code buffer.maxBytes}
 *     and what the disk allows with {@code buffer.reserveBytes} kept free
 */
public record BufferStats(
    long lines,
    long bytes,
    long oldestCollectedMillis,
    long droppedLines,
    long corruptFilesSetAside,
    long limitBytes) {}
