package org.jphmesh.sensor.line;

import java.io.Closeable;
import java.io.IOException;

/** An open line device: bytes in, bytes out, until it is gone. */
interface LinePort extends Closeable {

    /** Reads into {@code buffer}: the count, 0 when nothing came within a short wait, -1 when the device is gone. */
    int read(byte[] buffer) throws IOException;

    void write(byte[] bytes) throws IOException;
}
