package io.flarewatch.edge.buffer;

/**
 * What the buffer holds.
 *
 * @param lines lines waiting for central
 * @param bytes bytes of those lines
 * @param oldestCollectedMillis when the oldest waiting line was appended, or 0 when empty
 * @param droppedLines lines dropped since the buffer was created because it was full
 */
public record BufferStats(long lines, long bytes, long oldestCollectedMillis, long droppedLines) {}
