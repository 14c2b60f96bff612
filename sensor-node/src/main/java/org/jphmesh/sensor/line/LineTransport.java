package org.jphmesh.sensor.line;

import java.io.IOException;

/** Where a line device is reached; opened afresh after every loss. */
interface LineTransport {

    /** Opens the device; throws when it is not there (unplugged, refused), to be tried again later. */
    LinePort open() throws IOException;

    /** The device as a user names it in config and logs: {@code /dev/ttyUSB0}, {@code 127.0.0.1:3493}. */
    String describe();
}
