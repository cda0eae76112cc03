// Which serial port names the serial transport's schema takes: typed in by hand in the pairing wizard when
// the scan misses the port, or written in the config file.
import { describe, expect, it } from 'vitest';
import { SERIAL_PORT_PATTERN } from '../../../bridge/terminals/zvt/port-name.js';

const portName = new RegExp(SERIAL_PORT_PATTERN, 'u');

describe('serial port names typed in by hand', () => {
  it.each([
    'COM1',
    'COM3',
    'com12',
    'COM256',
    'COM999',
    '\\\\.\\COM10',
    '/dev/ttyUSB0',
    '/dev/ttyACM1',
    '/tmp/x/zvt-ecr',
  ])('accepts %j', (name) => expect(portName.test(name)).toBe(true));
  it.each([
    '',
    'ttyUSB0',
    'COM0',
    'COM1000',
    'COM3 ',
    ' /dev/ttyS0',
    'COM',
    'dev/ttyS0',
    '/dev/../etc/passwd',
    '/dev/./x',
    '/dev/',
    '/dev/tty S0',
    '/dev/tty\u0000',
  ])('refuses %j', (name) => expect(portName.test(name)).toBe(false));
});
