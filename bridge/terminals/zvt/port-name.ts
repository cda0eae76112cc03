// What a serial port's name may be, typed in by hand (the scan misses ports that are no USB device, such as
// socat's ptys or some RS-232 cards) or written in the config file: a Windows COM name (COM1…COM999, also
// as \\.\COM10) or an absolute device path without . or .. parts, spaces or control characters. Whether
// the port exists is the connection test's to find out: a COM port cannot be looked up without opening it.

const COM = String.raw`(?:\\\\\.\\)?[Cc][Oo][Mm][1-9][0-9]{0,2}`;
const PATH_PART = String.raw`/(?!\.\.?(?:/|$))[^/\s\x00-\x1f\x7f]+`;

/** As a JSON Schema pattern (config.ts puts it on the serial transport's path). */
export const SERIAL_PORT_PATTERN = `^(?:${COM}|(?:${PATH_PART})+)$`;

export const SERIAL_PORT_HINT = 'a port name such as COM3 (Windows) or /dev/ttyUSB0 (Linux, macOS)';
