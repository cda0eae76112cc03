// A posbridge client for POS software on .NET Framework 3.5 or 4.x: copy this one file into the project.
//
// It uses HttpWebRequest and string handling only (no JSON library, no HttpClient, no async) and is
// written in C# 2.0 (it compiles with `mcs -langversion:ISO-2`), so it fits the oldest projects still
// in use. What it does for the POS (README.md, "Integrating a legacy POS"):
//
//   - sends UTF-8 without a byte order mark, with Content-Length counted in bytes;
//   - asks posbridge to answer within the POS's own timeout (`Prefer: wait=N`), so a slow provider
//     gives a "not final yet" answer instead of a client-side timeout nobody can interpret;
//   - on 202 (not final yet) polls the transaction until it is final, and never sends the request again;
//   - reads the body of every refusal and decline from WebException.Response (HttpWebRequest throws
//     for any status of 400 and above; the body says what happened and what to tell the cashier);
//   - tells "posbridge is not running" (nothing was sent) apart from "no answer" (it may have arrived).
//
// The POS switches on PosbridgeAnswer.Result and shows PosbridgeAnswer.Message to the cashier.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Posbridge
{
    /// <summary>The values of PosbridgeAnswer.Result.</summary>
    public static class Results
    {
        /// <summary>Done: the hold exists, or the adjust/capture/void took effect.</summary>
        public const string Approved = "approved";
        /// <summary>A hold for less than was asked (AmountAuthorized &lt; AmountRequested): collect the rest another way or void it.</summary>
        public const string PartiallyApproved = "partially_approved";
        /// <summary>The card issuer said no: ask for another card or another way to pay.</summary>
        public const string Declined = "declined";
        /// <summary>Nothing happened (a bad request, a conflict, the provider refused or could not be reached).</summary>
        public const string Refused = "refused";
        /// <summary>Not final yet: under way. Not a failure; keep the Id and ask again.</summary>
        public const string Pending = "pending";
        /// <summary>Not final yet: in doubt. NOT a failure and never to be sent again; keep the Id and ask again.</summary>
        public const string Unknown = "unknown";
    }

    public class CardDetails
    {
        public string Number;       // digits only
        public int ExpiryMonth;     // 1..12
        public int ExpiryYear;      // four digits
        public string Cvv;          // optional; never stored by posbridge
        public string HolderName;   // optional; PayPorter requires it
    }

    public class PreauthRequest
    {
        public string TerminalId;
        /// <summary>Whole minor units of the currency: 2500 is 25.00 EUR. See MinorUnits.FromMajor.</summary>
        public long Amount;
        public string Currency;
        /// <summary>The POS's own id for this preauth, unique per terminal. The same reference with the same body repeats safely.</summary>
        public string Reference;
        public string Operator;     // optional
        public CardDetails Card;    // only for terminals that take keyed cards (Payroc, SmartRetry, PayPorter)
    }

    public class PosbridgeAnswer
    {
        /// <summary>The HTTP status of the last answer; 0 when posbridge gave no HTTP answer at all.</summary>
        public int HttpStatus;
        /// <summary>One of Results: what the POS switches on.</summary>
        public string Result;
        /// <summary>Plain words for the cashier.</summary>
        public string Message;
        /// <summary>True when this answer will not change. False: keep Id and ask again (UntilFinal); never a failure.</summary>
        public bool Final;
        public string Id;           // the transaction's id; null when nothing was written
        public string State;        // the transaction's state (authorized, captured, voided, declined, ...)
        public string Code;         // for refusals and declines: posbridge's stable code (reference_conflict, card_declined, ...)
        public string Detail;
        public long? AmountRequested;
        public long? AmountAuthorized;
        public long? AmountCaptured;
        public string Currency;
        public string Operator;
        public string Location;            // where to poll, from the Location header
        public string PreferenceApplied;   // the Preference-Applied header: the wait posbridge honoured
        public string Body;                // the answer as received, for the POS's log
        /// <summary>The first HTTP answer, before any polling (202 when the client polled).</summary>
        public int FirstStatus;
        public string FirstResult;
        /// <summary>How many times the client asked again before it had this answer.</summary>
        public int Polls;

        public bool IsApproved { get { return Result == Results.Approved || Result == Results.PartiallyApproved; } }

        public override string ToString()
        {
            return HttpStatus + " " + Result + (State != null ? " " + State : "") + (Code != null ? " " + Code : "") + (Final ? "" : " (not final)");
        }
    }

    public class PosbridgeClient
    {
        /// <summary>
        /// The POS's own limit for one request, in seconds. posbridge is asked to answer within it,
        /// less AnswerMarginSeconds (Prefer: wait=N), so the POS gets "not final yet" rather than a timeout.
        /// </summary>
        public int TimeoutSeconds = 65;
        /// <summary>How long Preauth/Adjust/Capture/Void keep polling after a 202 before returning the not-final answer.</summary>
        public int PollForSeconds = 120;
        public int PollIntervalMs = 1000;

        /// <summary>Time for the answer to travel after posbridge stops waiting; loopback needs little.</summary>
        public const int AnswerMarginSeconds = 5;

        // No byte order mark: `Encoding.UTF8` and `new StreamWriter(stream, Encoding.UTF8)` write one.
        // posbridge accepts it, but many JSON servers do not. Invalid text (a lone surrogate) throws
        // here, before anything is sent, instead of going out as U+FFFD.
        static readonly Encoding Utf8 = new UTF8Encoding(false, true);
        static readonly Encoding Utf8Reading = new UTF8Encoding(false);

        readonly Uri baseUri;
        readonly string apiKey;

        public PosbridgeClient(string baseUrl, string apiKey)
        {
            this.baseUri = new Uri(baseUrl);
            this.apiKey = apiKey;
        }

        /// <summary>Reserves an amount; waits (and polls) until the answer is final or PollForSeconds have passed.</summary>
        public PosbridgeAnswer Preauth(PreauthRequest r)
        {
            return UntilFinal(Send("POST", "/v1/preauths", PreauthJson(r), null, WaitPreference()));
        }

        /// <summary>
        /// Starts a preauth and answers at once (202, Result pending) so the POS screen stays responsive
        /// while the customer is at the terminal; then call UntilFinal. A repeat of a finished preauth
        /// answers its final outcome.
        /// </summary>
        public PosbridgeAnswer BeginPreauth(PreauthRequest r)
        {
            return Send("POST", "/v1/preauths", PreauthJson(r), null, "respond-async");
        }

        /// <summary>Changes the held amount to a new total. The same idempotencyKey repeats safely.</summary>
        public PosbridgeAnswer Adjust(string id, long newTotal, string idempotencyKey)
        {
            string body = new JsonBuilder().Add("amount", newTotal).ToString();
            return UntilFinal(Send("POST", TransactionPath(id) + "/adjust", body, idempotencyKey, WaitPreference()));
        }

        /// <summary>Captures the authorised amount (amount null) or less.</summary>
        public PosbridgeAnswer Capture(string id, long? amount, string idempotencyKey)
        {
            JsonBuilder body = new JsonBuilder();
            if (amount.HasValue) body.Add("amount", amount.Value);
            return UntilFinal(Send("POST", TransactionPath(id) + "/capture", body.ToString(), idempotencyKey, WaitPreference()));
        }

        /// <summary>Releases the hold.</summary>
        public PosbridgeAnswer Void(string id, string idempotencyKey)
        {
            return UntilFinal(Send("POST", TransactionPath(id) + "/void", "{}", idempotencyKey, WaitPreference()));
        }

        /// <summary>The transaction as it stands now (200 even when it was declined: read Result).</summary>
        public PosbridgeAnswer Get(string id)
        {
            return Send("GET", TransactionPath(id), null, null, null);
        }

        /// <summary>
        /// The preauth the POS sent under this reference, e.g. after the POS itself restarted and lost the id.
        /// Nothing found (Code "not_found", Result refused) means it never arrived: sending it is safe.
        /// </summary>
        public PosbridgeAnswer FindByReference(string terminalId, string reference)
        {
            string path = "/v1/preauths?reference=" + Uri.EscapeDataString(reference) + "&terminal_id=" + Uri.EscapeDataString(terminalId);
            Raw raw = Exchange("GET", path, null, null, null);
            if (raw.Status != 200) return AnswerOf(raw);
            Dictionary<string, object> list = ParseObject(raw.Body);
            List<object> data = list == null ? null : MiniJson.Get(list, "data") as List<object>;
            if (data == null) return Unreadable(raw);
            if (data.Count == 0)
            {
                PosbridgeAnswer none = new PosbridgeAnswer();
                none.HttpStatus = raw.Status;
                none.FirstStatus = raw.Status;
                none.Result = Results.Refused;
                none.Final = true;
                none.Code = "not_found";
                none.Message = "posbridge has no preauth with reference " + reference + " on terminal " + terminalId + ": it never arrived, so sending it is safe.";
                none.Body = raw.Body;
                return none;
            }
            PosbridgeAnswer found = new PosbridgeAnswer();
            found.HttpStatus = raw.Status;
            found.FirstStatus = raw.Status;
            found.Body = raw.Body;
            Dictionary<string, object> tx = data[0] as Dictionary<string, object>;
            if (tx == null) return Unreadable(raw);
            ReadTransaction(found, tx, true);
            found.FirstResult = found.Result;
            return found;
        }

        /// <summary>
        /// Polls a not-final answer (202) until it is final or PollForSeconds have passed. What comes
        /// back may still be not final: the POS keeps the Id, tells the cashier Message, and asks later.
        /// </summary>
        public PosbridgeAnswer UntilFinal(PosbridgeAnswer answer)
        {
            if (answer.Final || answer.Id == null) return answer;
            string path = answer.Location != null ? answer.Location : TransactionPath(answer.Id);
            DateTime until = DateTime.UtcNow.AddSeconds(PollForSeconds);
            PosbridgeAnswer last = answer;
            int polls = 0;
            while (DateTime.UtcNow < until)
            {
                Thread.Sleep(PollIntervalMs);
                polls++;
                PosbridgeAnswer polled = Send("GET", path, null, null, null);
                // A poll that failed (posbridge restarting, no answer in time) changes nothing: the
                // transaction is still not final as far as the POS knows. Keep asking.
                if (polled.HttpStatus != 200) continue;
                last = polled;
                if (polled.Final) break;
            }
            last.FirstStatus = answer.FirstStatus;
            last.FirstResult = answer.FirstResult;
            last.Polls = polls;
            if (last.PreferenceApplied == null) last.PreferenceApplied = answer.PreferenceApplied;
            return last;
        }

        /// <summary>
        /// One request, no polling: method, path (with query), a JSON body or null, and the optional
        /// Idempotency-Key and Prefer headers. Never throws for an HTTP status or a network failure.
        /// </summary>
        public PosbridgeAnswer Send(string method, string path, string json, string idempotencyKey, string prefer)
        {
            return AnswerOf(Exchange(method, path, json, idempotencyKey, prefer));
        }

        string WaitPreference()
        {
            int wait = TimeoutSeconds - AnswerMarginSeconds;
            return "wait=" + (wait < 0 ? 0 : wait).ToString(CultureInfo.InvariantCulture);
        }

        static string TransactionPath(string id)
        {
            return "/v1/preauths/" + Uri.EscapeDataString(id);
        }

        static string PreauthJson(PreauthRequest r)
        {
            JsonBuilder b = new JsonBuilder()
                .Add("terminal_id", r.TerminalId)
                .Add("amount", r.Amount)
                .Add("currency", r.Currency)
                .Add("reference", r.Reference)
                .Add("operator", r.Operator);
            if (r.Card != null)
            {
                JsonBuilder card = new JsonBuilder()
                    .Add("number", r.Card.Number)
                    .Add("expiry_month", r.Card.ExpiryMonth)
                    .Add("expiry_year", r.Card.ExpiryYear)
                    .Add("cvv", r.Card.Cvv)
                    .Add("holder_name", r.Card.HolderName);
                b.Add("card", card);
            }
            return b.ToString();
        }

        class Raw
        {
            public int Status;                       // 0: no HTTP answer
            public WebExceptionStatus Failure;       // why, when Status is 0
            public string FailureText;
            public string Body;
            public string Location;
            public string PreferenceApplied;
        }

        Raw Exchange(string method, string path, string json, string idempotencyKey, string prefer)
        {
            HttpWebRequest request = (HttpWebRequest)WebRequest.Create(new Uri(baseUri, path));
            request.Method = method;
            // No proxy: the system proxy (or WPAD auto-detection, which can stall the first request for
            // seconds) has no business with a daemon on this PC.
            request.Proxy = null;
            // A new connection per request: posbridge closes idle connections after 72 s and .NET keeps
            // them up to 100 s, so a reused one can fail mid-request ("a connection that was expected to
            // be kept alive was closed"), which would turn a clear answer into one in doubt.
            request.KeepAlive = false;
            request.Timeout = TimeoutSeconds * 1000;
            request.ReadWriteTimeout = TimeoutSeconds * 1000;
            request.Accept = "application/json";
            request.Headers["Authorization"] = "Bearer " + apiKey;
            if (idempotencyKey != null) request.Headers["Idempotency-Key"] = idempotencyKey;
            if (prefer != null) request.Headers["Prefer"] = prefer;
            try
            {
                if (json != null)
                {
                    byte[] bytes = Utf8.GetBytes(json);
                    request.ContentType = "application/json";
                    // Bytes, not characters: "Öztürk" is 6 characters and 8 bytes.
                    request.ContentLength = bytes.Length;
                    using (Stream body = request.GetRequestStream())
                    {
                        body.Write(bytes, 0, bytes.Length);
                    }
                }
                // Always dispose the response: .NET allows two open connections per host, and a third
                // request waits for a leaked one until it times out.
                using (HttpWebResponse response = (HttpWebResponse)request.GetResponse())
                {
                    return Read(response);
                }
            }
            catch (WebException ex)
            {
                // 4xx and 5xx arrive here; their body is the answer (problem+json with result and message).
                HttpWebResponse response = ex.Response as HttpWebResponse;
                if (response == null) return Failed(ex.Status, ex.Message);
                using (response)
                {
                    try
                    {
                        return Read(response);
                    }
                    catch (WebException cut)
                    {
                        return Failed(WebExceptionStatus.ReceiveFailure, cut.Message);
                    }
                    catch (IOException cut)
                    {
                        return Failed(WebExceptionStatus.ReceiveFailure, cut.Message);
                    }
                }
            }
            catch (IOException ex)
            {
                // The answer broke off while it was read: as good as no answer.
                return Failed(WebExceptionStatus.ReceiveFailure, ex.Message);
            }
        }

        static Raw Failed(WebExceptionStatus why, string text)
        {
            Raw failed = new Raw();
            failed.Failure = why;
            failed.FailureText = text;
            return failed;
        }

        static Raw Read(HttpWebResponse response)
        {
            Raw raw = new Raw();
            raw.Status = (int)response.StatusCode;
            raw.Location = response.Headers["Location"];
            raw.PreferenceApplied = response.Headers["Preference-Applied"];
            using (Stream stream = response.GetResponseStream())
            using (StreamReader reader = new StreamReader(stream, Utf8Reading))
            {
                raw.Body = reader.ReadToEnd();
            }
            return raw;
        }

        static PosbridgeAnswer AnswerOf(Raw raw)
        {
            if (raw.Status == 0) return NoAnswer(raw);
            Dictionary<string, object> root = ParseObject(raw.Body);
            if (root == null || !(MiniJson.Get(root, "result") is string)) return Unreadable(raw);
            PosbridgeAnswer a = new PosbridgeAnswer();
            a.HttpStatus = raw.Status;
            a.Location = raw.Location;
            a.PreferenceApplied = raw.PreferenceApplied;
            a.Body = raw.Body;
            if (raw.Status >= 400)
            {
                // A problem: declined (402) or refused (any other status). Final: nothing more will
                // happen to it. The transaction, when one was written, comes along.
                a.Result = MiniJson.GetString(root, "result");
                a.Message = MiniJson.GetString(root, "message");
                a.Code = MiniJson.GetString(root, "code");
                a.Detail = MiniJson.GetString(root, "detail");
                a.Final = true;
                Dictionary<string, object> tx = MiniJson.Get(root, "transaction") as Dictionary<string, object>;
                if (tx != null) ReadTransaction(a, tx, false);
            }
            else
            {
                ReadTransaction(a, root, true);
            }
            a.FirstStatus = a.HttpStatus;
            a.FirstResult = a.Result;
            return a;
        }

        static void ReadTransaction(PosbridgeAnswer a, Dictionary<string, object> tx, bool outcome)
        {
            if (outcome)
            {
                a.Result = MiniJson.GetString(tx, "result");
                a.Message = MiniJson.GetString(tx, "message");
                bool? final = MiniJson.GetBool(tx, "final");
                // Missing `final` is read as not final: the cautious side, the POS asks again.
                a.Final = final.HasValue && final.Value;
            }
            a.Id = MiniJson.GetString(tx, "id");
            a.State = MiniJson.GetString(tx, "state");
            a.AmountRequested = MiniJson.GetLong(tx, "amount_requested");
            a.AmountAuthorized = MiniJson.GetLong(tx, "amount_authorized");
            a.AmountCaptured = MiniJson.GetLong(tx, "amount_captured");
            a.Currency = MiniJson.GetString(tx, "currency");
            a.Operator = MiniJson.GetString(tx, "operator");
        }

        static Dictionary<string, object> ParseObject(string body)
        {
            try
            {
                return MiniJson.Parse(body) as Dictionary<string, object>;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        static PosbridgeAnswer NoAnswer(Raw raw)
        {
            PosbridgeAnswer a = new PosbridgeAnswer();
            if (raw.Failure == WebExceptionStatus.ConnectFailure || raw.Failure == WebExceptionStatus.NameResolutionFailure)
            {
                // The connection was never made, so not one byte of the request left this PC.
                a.Result = Results.Refused;
                a.Final = true;
                a.Code = "connection_refused";
                a.Message = "posbridge is not running on this PC (" + raw.FailureText + "): nothing was sent. Start posbridge and try again, or take another payment method.";
            }
            else
            {
                // Connected, then no answer (timeout, connection dropped): the request may have arrived
                // and the card may be held. Sending the same request again (same reference, same
                // Idempotency-Key) is safe and returns the outcome; a new reference could hold twice.
                a.Result = Results.Unknown;
                a.Final = false;
                a.Code = "no_answer";
                a.Message = "No answer from posbridge (" + raw.Failure + "): the request may have gone through. Do not treat it as failed: send the same request again (same reference) to learn the outcome.";
            }
            a.Detail = raw.FailureText;
            a.FirstResult = a.Result;
            return a;
        }

        static PosbridgeAnswer Unreadable(Raw raw)
        {
            // Something answered that is not a posbridge answer: what happened is not known.
            PosbridgeAnswer a = new PosbridgeAnswer();
            a.HttpStatus = raw.Status;
            a.FirstStatus = raw.Status;
            a.Result = Results.Unknown;
            a.FirstResult = a.Result;
            a.Final = false;
            a.Code = "unreadable_answer";
            a.Message = "posbridge's answer (HTTP " + raw.Status + ") could not be read: do not treat it as failed; look the preauth up by its reference.";
            a.Body = raw.Body;
            a.Location = raw.Location;
            return a;
        }
    }

    /// <summary>Amounts in whole minor units, which is all posbridge accepts (2500, never 25.00).</summary>
    public static class MinorUnits
    {
        // ISO 4217 exponents that are not 2, for currencies a card can be charged in.
        public const string ZeroDecimalCurrencies = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";
        public const string ThreeDecimalCurrencies = "BHD IQD JOD KWD LYD OMR TND";

        public static int DecimalsOf(string currency)
        {
            if (currency == null || currency.Length != 3) throw new ArgumentException("currency must be an ISO 4217 code such as EUR");
            if (Array.IndexOf(ZeroDecimalCurrencies.Split(' '), currency) >= 0) return 0;
            if (Array.IndexOf(ThreeDecimalCurrencies.Split(' '), currency) >= 0) return 3;
            return 2;
        }

        /// <summary>
        /// 25.00m EUR → 2500, 1000m JPY → 1000, 1.500m KWD → 1500. decimal, never double: 0.1 + 0.2 is
        /// not 0.3 in binary. An amount with more decimals than the currency has is an error, not rounded.
        /// </summary>
        public static long FromMajor(decimal amount, string currency)
        {
            int decimals = DecimalsOf(currency);
            decimal scaled = amount;
            for (int i = 0; i < decimals; i++) scaled *= 10m;
            if (scaled != decimal.Truncate(scaled))
            {
                throw new ArgumentException(amount.ToString(CultureInfo.InvariantCulture) + " " + currency + " has more than " + decimals + " decimals");
            }
            return decimal.ToInt64(scaled);
        }
    }

    /// <summary>Builds one JSON object. Numbers are written with the invariant culture (a German or Turkish PC writes 25,00 otherwise).</summary>
    public class JsonBuilder
    {
        readonly StringBuilder sb = new StringBuilder("{");
        bool empty = true;

        /// <summary>Adds a string member; a null value is left out.</summary>
        public JsonBuilder Add(string name, string value)
        {
            if (value == null) return this;
            Name(name);
            Quote(sb, value);
            return this;
        }

        public JsonBuilder Add(string name, long value)
        {
            Name(name);
            sb.Append(value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        public JsonBuilder Add(string name, JsonBuilder value)
        {
            if (value == null) return this;
            Name(name);
            sb.Append(value.ToString());
            return this;
        }

        public override string ToString()
        {
            return sb.ToString() + "}";
        }

        void Name(string name)
        {
            if (!empty) sb.Append(',');
            empty = false;
            Quote(sb, name);
            sb.Append(':');
        }

        public static void Quote(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }
    }

    /// <summary>
    /// A small, strict JSON reader: objects become Dictionary&lt;string, object&gt;, arrays List&lt;object&gt;,
    /// strings string, numbers JsonNumber (the text as written), true/false bool, null null. It reads the
    /// whole answer rather than searching it for "result": a nested transaction or an operation has an
    /// "id" and a "state" of its own, and a search would find theirs.
    /// </summary>
    public sealed class MiniJson
    {
        const int MaxDepth = 64;
        readonly string text;
        int pos;
        int depth;

        MiniJson(string text)
        {
            this.text = text;
        }

        /// <summary>Throws FormatException when the text is not one JSON value.</summary>
        public static object Parse(string text)
        {
            if (text == null) throw new FormatException("no JSON text");
            MiniJson p = new MiniJson(text);
            p.SkipWhitespace();
            object value = p.ReadValue();
            p.SkipWhitespace();
            if (p.pos != text.Length) throw p.Error("text after the JSON value");
            return value;
        }

        public static object Get(Dictionary<string, object> o, string name)
        {
            object v;
            return o.TryGetValue(name, out v) ? v : null;
        }

        public static string GetString(Dictionary<string, object> o, string name)
        {
            return Get(o, name) as string;
        }

        public static bool? GetBool(Dictionary<string, object> o, string name)
        {
            object v = Get(o, name);
            if (v is bool) return (bool)v;
            return null;
        }

        /// <summary>An integer member; null when missing, null, or not a whole number.</summary>
        public static long? GetLong(Dictionary<string, object> o, string name)
        {
            JsonNumber n = Get(o, name) as JsonNumber;
            long v;
            if (n != null && long.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v)) return v;
            return null;
        }

        object ReadValue()
        {
            if (pos >= text.Length) throw Error("unexpected end");
            char c = text[pos];
            switch (c)
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"': return ReadString();
                case 't': ReadWord("true"); return true;
                case 'f': ReadWord("false"); return false;
                case 'n': ReadWord("null"); return null;
                default: return ReadNumber();
            }
        }

        Dictionary<string, object> ReadObject()
        {
            Enter();
            Dictionary<string, object> o = new Dictionary<string, object>();
            pos++; // {
            SkipWhitespace();
            if (Peek() == '}') { pos++; depth--; return o; }
            for (;;)
            {
                SkipWhitespace();
                if (Peek() != '"') throw Error("expected a member name");
                string name = ReadString();
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                o[name] = ReadValue();
                SkipWhitespace();
                char c = Next();
                if (c == '}') break;
                if (c != ',') throw Error("expected , or }");
            }
            depth--;
            return o;
        }

        List<object> ReadArray()
        {
            Enter();
            List<object> a = new List<object>();
            pos++; // [
            SkipWhitespace();
            if (Peek() == ']') { pos++; depth--; return a; }
            for (;;)
            {
                SkipWhitespace();
                a.Add(ReadValue());
                SkipWhitespace();
                char c = Next();
                if (c == ']') break;
                if (c != ',') throw Error("expected , or ]");
            }
            depth--;
            return a;
        }

        string ReadString()
        {
            pos++; // "
            StringBuilder sb = new StringBuilder();
            for (;;)
            {
                char c = Next();
                if (c == '"') return sb.ToString();
                if (c < ' ') throw Error("control character in a string");
                if (c != '\\') { sb.Append(c); continue; }
                char e = Next();
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (pos + 4 > text.Length) throw Error("short \\u escape");
                        int code;
                        if (!int.TryParse(text.Substring(pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code)) throw Error("bad \\u escape");
                        // A character outside the BMP comes as two escapes (a surrogate pair): two UTF-16 chars, as .NET strings hold it.
                        sb.Append((char)code);
                        pos += 4;
                        break;
                    default: throw Error("bad escape");
                }
            }
        }

        JsonNumber ReadNumber()
        {
            int start = pos;
            if (Peek() == '-') pos++;
            if (Peek() == '0') pos++;
            else if (IsDigit(Peek())) { while (IsDigit(Peek())) pos++; }
            else throw Error("unexpected character");
            if (Peek() == '.')
            {
                pos++;
                if (!IsDigit(Peek())) throw Error("digit expected after the decimal point");
                while (IsDigit(Peek())) pos++;
            }
            if (Peek() == 'e' || Peek() == 'E')
            {
                pos++;
                if (Peek() == '+' || Peek() == '-') pos++;
                if (!IsDigit(Peek())) throw Error("digit expected in the exponent");
                while (IsDigit(Peek())) pos++;
            }
            return new JsonNumber(text.Substring(start, pos - start));
        }

        void ReadWord(string word)
        {
            if (string.CompareOrdinal(text, pos, word, 0, word.Length) != 0) throw Error("unexpected word");
            pos += word.Length;
        }

        void Enter()
        {
            if (++depth > MaxDepth) throw Error("nested too deeply");
        }

        void SkipWhitespace()
        {
            while (pos < text.Length && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) pos++;
        }

        char Peek()
        {
            return pos < text.Length ? text[pos] : '\0';
        }

        char Next()
        {
            if (pos >= text.Length) throw Error("unexpected end");
            return text[pos++];
        }

        void Expect(char c)
        {
            if (Next() != c) throw Error("expected " + c);
        }

        static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        FormatException Error(string what)
        {
            return new FormatException("JSON: " + what + " at character " + pos);
        }
    }

    /// <summary>A JSON number as written; read it with MiniJson.GetLong.</summary>
    public sealed class JsonNumber
    {
        public readonly string Text;

        public JsonNumber(string text)
        {
            Text = text;
        }

        public override string ToString()
        {
            return Text;
        }
    }
}
