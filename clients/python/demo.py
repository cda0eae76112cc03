"""Runs the flows a POS needs against a live posbridge in sandbox mode (`npm start`), one line per step:

    python3 demo.py http://127.0.0.1:7420 <api key>

Every step checks the answer it gets; the program exits 1 when any answer is not the one a POS should
get, so it doubles as a test of posbridge (test/integration/clients.test.ts runs it). Amounts are the
Payroc sandbox's magic values (bridge/sandbox/payroc/README.md).
"""
import datetime
import socket
import sys
import time
from decimal import Decimal

import posbridge_client as pb

TERMINAL = "sandbox-payroc"
CASHIER = "\u00c7a\u011flar \u00d6zt\u00fcrk"  # "Çağlar Öztürk"

passed = 0
failed = 0


def step(name, ok, detail):
    global passed, failed
    print("%s %s: %s" % ("ok  " if ok else "FAIL", name, detail), flush=True)
    if ok:
        passed += 1
    else:
        failed += 1


# A sandbox's test card, given by whoever runs the demo: no card number lives in code a POS copies.
TEST_CARD = {"number": None}


def card():
    return {"number": TEST_CARD["number"], "expiry_month": 12, "expiry_year": datetime.date.today().year + 3, "cvv": "123"}


def show(a):
    return "%s authorized=%s captured=%s | %s" % (a, a.amount_authorized, a.amount_captured, a.message)


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(url, key, run_id):
    try:
        pb.to_minor_units(Decimal("25.001"), "EUR")
        refused_fraction = False
    except ValueError:
        refused_fraction = True
    try:
        pb.Client(url, key).preauth(TERMINAL, 25.00, "USD", run_id + "-float", card())
        refused_float = False
    except TypeError:
        refused_float = True
    eur, jpy, kwd = pb.to_minor_units(Decimal("25.00"), "EUR"), pb.to_minor_units(1000, "JPY"), pb.to_minor_units("1.500", "KWD")
    step("minor-units", (eur, jpy, kwd) == (2500, 1000, 1500) and refused_fraction and refused_float,
         "25.00 EUR -> %d, 1000 JPY -> %d, 1.500 KWD -> %d, 25.001 EUR refused: %s, a float amount refused before sending: %s" % (eur, jpy, kwd, refused_fraction, refused_float))

    # The POS's own timeout is 30 s: posbridge is asked to answer within 25 (Prefer: wait=25).
    pos = pb.Client(url, key, timeout_seconds=30)

    room = run_id + "-room-101"
    held = pos.preauth(TERMINAL, 10000, "USD", room, card(), operator=CASHIER)
    step("preauth", held.http_status == 201 and held.result == pb.APPROVED and held.final and held.state == "authorized"
         and held.amount_authorized == 10000 and held.preference_applied == "wait=25",
         "%s | Preference-Applied: %s" % (show(held), held.preference_applied))
    step("utf-8", held.operator == CASHIER, "operator sent as UTF-8 without BOM came back as %s" % held.operator)

    again = pos.preauth(TERMINAL, 10000, "USD", room, card(), operator=CASHIER)
    step("repeat", again.http_status == 200 and again.result == pb.APPROVED and again.id == held.id,
         "same reference and body: %s, same transaction: %s" % (again, again.id == held.id))

    adjusted = pos.adjust(held.id, 15000, room + "-adjust-1")
    step("adjust", adjusted.http_status == 200 and adjusted.result == pb.APPROVED and adjusted.state == "authorized" and adjusted.amount_authorized == 15000, show(adjusted))

    adjusted_again = pos.adjust(held.id, 15000, room + "-adjust-1")
    step("adjust-repeat", adjusted_again.http_status == 200 and adjusted_again.result == pb.APPROVED and adjusted_again.amount_authorized == 15000,
         "same Idempotency-Key: " + show(adjusted_again))

    captured = pos.capture(held.id, idempotency_key=room + "-capture-1")
    step("capture", captured.http_status == 200 and captured.result == pb.APPROVED and captured.state == "captured" and captured.amount_captured == 15000, show(captured))

    found = pos.find_by_reference(TERMINAL, room)
    not_found = pos.find_by_reference(TERMINAL, run_id + "-never-sent")
    step("find-by-reference", found.id == held.id and found.state == "captured" and not_found.result == pb.REFUSED and not_found.code == "not_found",
         "%s -> %s; %s-never-sent -> %s" % (room, found, run_id, not_found.code))

    declined = pos.preauth(TERMINAL, 5101, "USD", run_id + "-decline", card())
    step("decline", declined.http_status == 402 and declined.result == pb.DECLINED and declined.code == "card_declined" and declined.final
         and declined.state == "declined" and declined.id is not None, show(declined))

    partial = pos.preauth(TERMINAL, 5106, "USD", run_id + "-partial", card())
    partial_ok = partial.http_status == 201 and partial.result == pb.PARTIALLY_APPROVED and partial.amount_authorized == 2553 and partial.amount_requested == 5106
    released = pos.void(partial.id, run_id + "-partial-void") if partial_ok else partial
    step("partial", partial_ok and released.http_status == 200 and released.result == pb.APPROVED and released.state == "voided",
         "%s requested=%s; void: %s" % (show(partial), partial.amount_requested, released))

    # respond-async: the POS screen stays responsive, then the POS polls.
    started = pos.begin_preauth(TERMINAL, 2500, "USD", run_id + "-async", card())
    started_ok = started.http_status == 202 and started.result == pb.PENDING and not started.final and started.location is not None and started.preference_applied == "respond-async"
    settled = pos.until_final(started)
    step("async", started_ok and settled.final and settled.result == pb.APPROVED and settled.state == "authorized" and settled.polls >= 1,
         "%s Location: %s -> polled %dx -> %s" % (started, started.location, settled.polls, settled))
    if settled.state == "authorized":
        pos.void(settled.id, run_id + "-async-void")

    # Payroc answers 5104 "received, processed later": pending until posbridge looks it up. A POS with
    # a 6 s timeout asks for wait=1, hears 202 pending, and polls instead of giving up.
    quick = pb.Client(url, key, timeout_seconds=6, poll_for_seconds=30)
    doubt = quick.preauth(TERMINAL, 5104, "USD", run_id + "-later", card())
    step("processed-later", doubt.first_status == 202 and doubt.first_result == pb.PENDING and doubt.preference_applied == "wait=1" and doubt.polls >= 1
         and doubt.final and doubt.result == pb.APPROVED and doubt.state == "authorized",
         "%s %s (Preference-Applied: %s) -> polled %dx -> %s" % (doubt.first_status, doubt.first_result, doubt.preference_applied, doubt.polls, doubt))
    if doubt.state == "authorized":
        quick.void(doubt.id, run_id + "-later-void")

    # Refusals arrive as urllib.error.HTTPError; the client reads the problem from its body.
    conflict = pos.preauth(TERMINAL, 12345, "USD", room, card())
    step("reference-conflict", conflict.http_status == 409 and conflict.result == pb.REFUSED and conflict.code == "reference_conflict"
         and conflict.final and conflict.id is None, show(conflict))

    decimal_amount = '{"terminal_id":"%s","amount":25.00,"currency":"USD","reference":"%s-decimal"}' % (TERMINAL, run_id)
    fraction = pos.send("POST", "/v1/preauths", decimal_amount)
    step("amount-not-minor-units", fraction.http_status == 400 and fraction.result == pb.REFUSED and fraction.code == "amount_not_minor_units" and fraction.id is None, show(fraction))

    down = pb.Client("http://127.0.0.1:%d" % closed_port(), key).preauth(TERMINAL, 2500, "USD", run_id + "-down", card())
    step("not-running", down.http_status == 0 and down.result == pb.REFUSED and down.code == "connection_refused" and down.final, show(down))

    # A listener that never answers stands in for a posbridge that hangs after taking the request.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        hung = pb.Client("http://127.0.0.1:%d" % silent.getsockname()[1], key, timeout_seconds=2)
        silence = hung.preauth(TERMINAL, 2500, "USD", run_id + "-silent", card())
        step("no-answer", silence.http_status == 0 and silence.result == pb.UNKNOWN and silence.code == "no_answer" and not silence.final, show(silence))
    finally:
        silent.close()


def main(argv):
    if len(argv) != 4:
        print("usage: python3 demo.py BASE_URL API_KEY TEST_CARD_NUMBER", file=sys.stderr)
        return 2
    TEST_CARD["number"] = argv[3]
    # References are unique per terminal: each run uses its own.
    run_id = "py-%d" % int(time.time() * 1000)
    try:
        run(argv[1], argv[2], run_id)
    except Exception as e:  # an exception is a step that went wrong, not a crash to hide
        step("unexpected", False, "%s: %s" % (type(e).__name__, e))
    print("steps: %d ok, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
