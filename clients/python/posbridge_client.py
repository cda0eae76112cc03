"""A posbridge client for POS software in Python 3 (3.6 or newer), standard library only.

Copy this one file. What it does for the POS (README.md, "Integrating a legacy POS"):

- sends UTF-8 JSON without a byte order mark, amounts as whole minor units (an int, never a float);
- asks posbridge to answer within the POS's own timeout (``Prefer: wait=N``), so a slow provider gives
  a "not final yet" answer instead of a client-side timeout nobody can interpret;
- on 202 (not final yet) polls the transaction until it is final, and never sends the request again;
- reads the body of every refusal and decline (urllib raises HTTPError for any status of 400 and
  above; the body says what happened and what to tell the cashier);
- tells "posbridge is not running" (nothing was sent) apart from "no answer" (it may have arrived).

The POS switches on ``Answer.result`` and shows ``Answer.message`` to the cashier.
"""
import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

APPROVED = "approved"
PARTIALLY_APPROVED = "partially_approved"  # a hold for less than asked: collect the rest another way or void it
DECLINED = "declined"  # the card issuer said no: ask for another card or another way to pay
REFUSED = "refused"  # nothing happened
PENDING = "pending"  # not final yet, under way: not a failure; keep the id and ask again
UNKNOWN = "unknown"  # not final yet, in doubt: NOT a failure and never to be sent again; keep the id and ask again

# Time for the answer to travel after posbridge stops waiting; loopback needs little.
ANSWER_MARGIN_SECONDS = 5


class Answer(object):
    """What posbridge said, read into the few fields a POS acts on."""

    def __init__(self):
        self.http_status = 0  # 0 when posbridge gave no HTTP answer at all
        self.result = None  # one of APPROVED ... UNKNOWN: what the POS switches on
        self.message = None  # plain words for the cashier
        self.final = False  # False: keep id and ask again (until_final); never a failure
        self.id = None  # the transaction's id; None when nothing was written
        self.state = None
        self.code = None  # for refusals and declines: posbridge's stable code
        self.detail = None
        self.amount_requested = None
        self.amount_authorized = None
        self.amount_captured = None
        self.currency = None
        self.operator = None
        self.location = None  # where to poll, from the Location header
        self.preference_applied = None  # the Preference-Applied header: the wait posbridge honoured
        self.body = None  # the answer as received, for the POS's log
        self.first_status = 0  # the first HTTP answer, before any polling (202 when the client polled)
        self.first_result = None
        self.polls = 0  # how many times the client asked again before it had this answer

    @property
    def is_approved(self):
        return self.result in (APPROVED, PARTIALLY_APPROVED)

    def __str__(self):
        parts = [str(self.http_status), str(self.result)]
        if self.state:
            parts.append(self.state)
        if self.code:
            parts.append(self.code)
        if not self.final:
            parts.append("(not final)")
        return " ".join(parts)


class Client(object):
    def __init__(self, base_url, api_key, timeout_seconds=65, poll_for_seconds=120, poll_interval_seconds=1.0):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        # The POS's own limit for one request; posbridge is asked to answer within it (less the margin).
        self.timeout_seconds = timeout_seconds
        # How long preauth/adjust/capture/void keep polling after a 202 before returning the not-final answer.
        self.poll_for_seconds = poll_for_seconds
        self.poll_interval_seconds = poll_interval_seconds
        # No proxy: urllib otherwise honours http_proxy from the environment, and a proxy has no
        # business with a daemon on this PC (it may not even pass 127.0.0.1 on).
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def preauth(self, terminal_id, amount, currency, reference, card=None, operator=None):
        """Reserves an amount; waits (and polls) until the answer is final or poll_for_seconds have passed.

        amount: whole minor units, an int (2500 for 25.00 EUR; see to_minor_units).
        reference: the POS's own id, unique per terminal; the same reference and body repeat safely.
        card: {"number", "expiry_month", "expiry_year", "cvv"?, "holder_name"?} for keyed-card terminals.
        """
        body = _preauth_body(terminal_id, amount, currency, reference, card, operator)
        return self.until_final(self.send("POST", "/v1/preauths", body, prefer=self._wait()))

    def begin_preauth(self, terminal_id, amount, currency, reference, card=None, operator=None):
        """Starts a preauth and answers at once (202, pending) so the POS stays responsive; then until_final."""
        body = _preauth_body(terminal_id, amount, currency, reference, card, operator)
        return self.send("POST", "/v1/preauths", body, prefer="respond-async")

    def adjust(self, transaction_id, new_total, idempotency_key):
        """Changes the held amount to a new total. The same idempotency_key repeats safely."""
        body = {"amount": _minor_units(new_total)}
        return self.until_final(self.send("POST", _path(transaction_id) + "/adjust", body, idempotency_key, self._wait()))

    def capture(self, transaction_id, amount=None, idempotency_key=None):
        """Captures the authorised amount (amount None) or less."""
        body = {} if amount is None else {"amount": _minor_units(amount)}
        return self.until_final(self.send("POST", _path(transaction_id) + "/capture", body, idempotency_key, self._wait()))

    def void(self, transaction_id, idempotency_key=None):
        """Releases the hold."""
        return self.until_final(self.send("POST", _path(transaction_id) + "/void", {}, idempotency_key, self._wait()))

    def get(self, transaction_id):
        """The transaction as it stands now (200 even when it was declined: read result)."""
        return self.send("GET", _path(transaction_id))

    def find_by_reference(self, terminal_id, reference):
        """The preauth sent under this reference, e.g. after the POS restarted and lost the id.

        Nothing found (code "not_found", result REFUSED) means it never arrived: sending it is safe.
        """
        query = urllib.parse.urlencode({"reference": reference, "terminal_id": terminal_id})
        status, headers, text, failure = self._exchange("GET", "/v1/preauths?" + query, None, None, None)
        if status != 200:
            return _answer_of(status, headers, text, failure)
        listing = _parse(text)
        data = listing.get("data") if isinstance(listing, dict) else None
        if not isinstance(data, list) or (data and not isinstance(data[0], dict)):
            return _unreadable(status, headers, text)
        a = Answer()
        a.http_status = a.first_status = status
        a.body = text
        if not data:
            a.result = REFUSED
            a.final = True
            a.code = "not_found"
            a.message = "posbridge has no preauth with reference %s on terminal %s: it never arrived, so sending it is safe." % (reference, terminal_id)
        else:
            _read_transaction(a, data[0], True)
        a.first_result = a.result
        return a

    def until_final(self, answer):
        """Polls a not-final answer (202) until it is final or poll_for_seconds have passed.

        What comes back may still be not final: the POS keeps the id, tells the cashier the message,
        and asks later. It is never a failure.
        """
        if answer.final or answer.id is None:
            return answer
        path = answer.location or _path(answer.id)
        until = time.monotonic() + self.poll_for_seconds
        last = answer
        polls = 0
        while time.monotonic() < until:
            time.sleep(self.poll_interval_seconds)
            polls += 1
            polled = self.send("GET", path)
            # A poll that failed (posbridge restarting, no answer in time) changes nothing: the
            # transaction is still not final as far as the POS knows. Keep asking.
            if polled.http_status != 200:
                continue
            last = polled
            if polled.final:
                break
        last.first_status = answer.first_status
        last.first_result = answer.first_result
        last.polls = polls
        if last.preference_applied is None:
            last.preference_applied = answer.preference_applied
        return last

    def send(self, method, path, body=None, idempotency_key=None, prefer=None):
        """One request, no polling. body: a dict (sent as JSON), a str of JSON, or None.

        Never raises for an HTTP status or a network failure: every outcome is an Answer.
        """
        return _answer_of(*self._exchange(method, path, body, idempotency_key, prefer))

    def _wait(self):
        return "wait=%d" % max(0, int(self.timeout_seconds) - ANSWER_MARGIN_SECONDS)

    def _exchange(self, method, path, body, idempotency_key, prefer):
        headers = {"Authorization": "Bearer " + self.api_key, "Accept": "application/json"}
        data = None
        if body is not None:
            text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, separators=(",", ":"))
            # UTF-8 without a byte order mark ("utf-8-sig" would write one).
            data = text.encode("utf-8")
            headers["Content-Type"] = "application/json"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        if prefer is not None:
            headers["Prefer"] = prefer
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=self.timeout_seconds) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace"), None
        except urllib.error.HTTPError as e:
            # 4xx and 5xx arrive here; their body is the answer (problem+json with result and message).
            try:
                return e.code, e.headers, e.read().decode("utf-8", "replace"), None
            except (OSError, http.client.HTTPException) as cut:
                # The answer broke off while it was read: as good as no answer.
                return 0, None, None, cut
            finally:
                e.close()
        except urllib.error.URLError as e:
            return 0, None, None, e.reason
        except (OSError, http.client.HTTPException) as e:
            # Raised while waiting for the answer: a timeout, a dropped connection.
            return 0, None, None, e


def _answer_of(status, headers, text, failure):
    if status == 0:
        return _no_answer(failure)
    root = _parse(text)
    if not isinstance(root, dict) or not isinstance(root.get("result"), str):
        return _unreadable(status, headers, text)
    a = Answer()
    a.http_status = status
    a.location = headers.get("Location")
    a.preference_applied = headers.get("Preference-Applied")
    a.body = text
    if status >= 400:
        # A problem: declined (402) or refused (any other status). Final: nothing more will happen to
        # it. The transaction, when one was written, comes along.
        a.result = root.get("result")
        a.message = root.get("message")
        a.code = root.get("code")
        a.detail = root.get("detail")
        a.final = True
        if isinstance(root.get("transaction"), dict):
            _read_transaction(a, root["transaction"], False)
    else:
        _read_transaction(a, root, True)
    a.first_status = a.http_status
    a.first_result = a.result
    return a


def _read_transaction(a, tx, outcome):
    if outcome:
        a.result = tx.get("result")
        a.message = tx.get("message")
        # A missing `final` is read as not final: the cautious side, the POS asks again.
        a.final = tx.get("final") is True
    a.id = tx.get("id")
    a.state = tx.get("state")
    a.amount_requested = tx.get("amount_requested")
    a.amount_authorized = tx.get("amount_authorized")
    a.amount_captured = tx.get("amount_captured")
    a.currency = tx.get("currency")
    a.operator = tx.get("operator")


def _parse(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def _no_answer(failure):
    a = Answer()
    if isinstance(failure, (ConnectionRefusedError, socket.gaierror)):
        # The connection was never made, so not one byte of the request left this PC.
        a.result = REFUSED
        a.final = True
        a.code = "connection_refused"
        a.message = "posbridge is not running on this PC (%s): nothing was sent. Start posbridge and try again, or take another payment method." % failure
    else:
        # Connected, then no answer (timeout, connection dropped): the request may have arrived and
        # the card may be held. Sending the same request again (same reference, same Idempotency-Key)
        # is safe and returns the outcome; a new reference could hold twice.
        a.result = UNKNOWN
        a.final = False
        a.code = "no_answer"
        a.message = "No answer from posbridge (%s): the request may have gone through. Do not treat it as failed: send the same request again (same reference) to learn the outcome." % (failure or "no reason")
    a.detail = str(failure)
    a.first_result = a.result
    return a


def _unreadable(status, headers, text):
    # Something answered that is not a posbridge answer: what happened is not known.
    a = Answer()
    a.http_status = a.first_status = status
    a.result = a.first_result = UNKNOWN
    a.final = False
    a.code = "unreadable_answer"
    a.message = "posbridge's answer (HTTP %d) could not be read: do not treat it as failed; look the preauth up by its reference." % status
    a.body = text
    a.location = headers.get("Location") if headers is not None else None
    return a


def _path(transaction_id):
    if not transaction_id:
        raise ValueError("no transaction id: the preauth was not written (see its answer)")
    return "/v1/preauths/" + urllib.parse.quote(transaction_id, safe="")


def _minor_units(amount):
    # bool is an int in Python; a float would be written 2500.0, which posbridge refuses.
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("amount must be an int of minor units (2500 for 25.00 EUR), not %r; see to_minor_units" % (amount,))
    return amount


def _preauth_body(terminal_id, amount, currency, reference, card, operator):
    body = {"terminal_id": terminal_id, "amount": _minor_units(amount), "currency": currency, "reference": reference}
    if operator is not None:
        body["operator"] = operator
    if card is not None:
        body["card"] = card
    return body


# ISO 4217 exponents that are not 2, for currencies a card can be charged in.
ZERO_DECIMAL_CURRENCIES = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
THREE_DECIMAL_CURRENCIES = "BHD IQD JOD KWD LYD OMR TND"


def decimals_of(currency):
    if not isinstance(currency, str) or len(currency) != 3:
        raise ValueError("currency must be an ISO 4217 code such as EUR")
    if currency in ZERO_DECIMAL_CURRENCIES.split():
        return 0
    if currency in THREE_DECIMAL_CURRENCIES.split():
        return 3
    return 2


def to_minor_units(amount, currency):
    """Decimal("25.00") EUR -> 2500, 1000 JPY -> 1000, Decimal("1.500") KWD -> 1500.

    Takes a Decimal, an int or a str, never a float (0.1 + 0.2 is not 0.3 in binary). An amount with
    more decimals than the currency has is an error, not rounded.
    """
    if isinstance(amount, (float, bool)):
        raise TypeError("pass a Decimal or a str, not %r: a float cannot hold most decimal amounts exactly" % (amount,))
    scaled = Decimal(amount).scaleb(decimals_of(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError("%s %s has more than %d decimals" % (amount, currency, decimals_of(currency)))
    return int(scaled)
