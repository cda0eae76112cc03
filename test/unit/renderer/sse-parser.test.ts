// The window's reader of the event stream (it replaced EventSource, which cannot send the session header):
// the parts of the text/event-stream format the daemon uses, and those a proxy or a chunk boundary brings.
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../renderer/src/sse-parser.js';

describe('SseParser', () => {
  it("reads the daemon's events with their ids, skips comments, and takes the retry delay", () => {
    const p = new SseParser();
    const out = p.push('retry: 2000\n\n: keep-alive\n\nid: 7\nevent: transaction.created\ndata: {"seq":7}\n\n');
    expect(out).toEqual([{ type: 'transaction.created', data: '{"seq":7}', id: '7' }]);
    expect(p.retry).toBe(2000);
    expect(p.lastEventId).toBe('7');
  });

  it('gives the same events however the text is cut into chunks, CRLF and lone CR included', () => {
    const text = 'id: 1\r\nevent: a\r\ndata: x\r\n\r\nid: 2\revent: b\rdata: y\rdata: z\r\rdata:no space\n\n';
    const whole = new SseParser().push(text);
    expect(whole).toEqual([
      { type: 'a', data: 'x', id: '1' },
      { type: 'b', data: 'y\nz', id: '2' },
      { type: 'message', data: 'no space', id: '2' },
    ]);
    for (let size = 1; size <= 7; size++) {
      const p = new SseParser();
      const got = [];
      for (let i = 0; i < text.length; i += size) got.push(...p.push(text.slice(i, i + size)));
      expect(got, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('dispatches nothing for an event cut off before its blank line, and resumes from the last whole one', () => {
    const p = new SseParser('3');
    expect(p.push('id: 4\nevent: a\ndata: x\n\nid: 5\nevent: b\ndata: half')).toEqual([
      { type: 'a', data: 'x', id: '4' },
    ]);
    // The connection drops here: the next one resumes after 4, and 5 comes again whole.
    expect(p.lastEventId).toBe('4');
    expect(new SseParser().lastEventId).toBe('');
  });

  it('ignores unknown fields, a retry that is not a number, and an id with a NUL', () => {
    const p = new SseParser('9');
    expect(p.push('retry: soon\nfoo: bar\nid: a\0b\ndata\n\n')).toEqual([{ type: 'message', data: '', id: '9' }]);
    expect(p.retry).toBeUndefined();
  });
});
