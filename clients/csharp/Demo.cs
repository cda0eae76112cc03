// Runs the flows a POS needs against a live posbridge in sandbox mode (`npm start`), one line per step:
//
//   mcs -langversion:ISO-2 -warnaserror -out:Demo.exe Posbridge.cs Demo.cs
//   mono Demo.exe http://127.0.0.1:7420 <api key>
//
// Every step checks the answer it gets; the program exits 1 when any answer is not the one a POS
// should get, so it doubles as a test of posbridge (test/integration/clients.test.ts runs it).
// Amounts are the Payroc sandbox's magic values (bridge/sandbox/payroc/README.md).
using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Posbridge;

class Demo
{
    const string Terminal = "sandbox-payroc";
    // "Çağlar Öztürk" as escapes, so the demo survives being copied into a project saved in a code page.
    const string Cashier = "\u00C7a\u011Flar \u00D6zt\u00FCrk";

    static int passed;
    static int failed;

    static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: mono Demo.exe BASE_URL API_KEY TEST_CARD_NUMBER");
            return 2;
        }
        // A sandbox's test card, given by whoever runs the demo: no card number lives in code a POS copies.
        testCard = args[2];
        // References are unique per terminal: each run uses its own.
        string run = "cs-" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        try
        {
            Run(args[0], args[1], run);
        }
        catch (Exception ex)
        {
            Step("unexpected", false, ex.ToString());
        }
        Console.WriteLine("steps: " + passed + " ok, " + failed + " failed");
        // Exit rather than return: the request left behind by the no-answer step, abandoned after its
        // timeout, can keep one of Mono's threads waiting on the silent socket, and returning from Main
        // waits for it (seen once as a run that printed every step and never ended).
        Environment.Exit(failed == 0 && passed > 0 ? 0 : 1);
        return 1;
    }

    static void Step(string name, bool ok, string detail)
    {
        Console.WriteLine((ok ? "ok   " : "FAIL ") + name + ": " + detail);
        if (ok) passed++;
        else failed++;
    }

    static string testCard;

    static PreauthRequest Keyed(string reference, long amount)
    {
        PreauthRequest r = new PreauthRequest();
        r.TerminalId = Terminal;
        r.Amount = amount;
        r.Currency = "USD";
        r.Reference = reference;
        r.Card = new CardDetails();
        r.Card.Number = testCard;
        r.Card.ExpiryMonth = 12;
        r.Card.ExpiryYear = DateTime.UtcNow.Year + 3;
        r.Card.Cvv = "123";
        return r;
    }

    static string Show(PosbridgeAnswer a)
    {
        return a + " authorized=" + a.AmountAuthorized + " captured=" + a.AmountCaptured + " | " + a.Message;
    }

    static void Run(string url, string key, string run)
    {
        bool refusedFraction = false;
        try
        {
            MinorUnits.FromMajor(25.001m, "EUR");
        }
        catch (ArgumentException)
        {
            refusedFraction = true;
        }
        Step("minor-units",
            MinorUnits.FromMajor(25.00m, "EUR") == 2500 && MinorUnits.FromMajor(1000m, "JPY") == 1000 && MinorUnits.FromMajor(1.500m, "KWD") == 1500 && refusedFraction,
            "25.00 EUR -> " + MinorUnits.FromMajor(25.00m, "EUR") + ", 1000 JPY -> " + MinorUnits.FromMajor(1000m, "JPY") + ", 1.500 KWD -> " + MinorUnits.FromMajor(1.500m, "KWD") + ", 25.001 EUR refused: " + refusedFraction);

        // The POS's own timeout is 30 s: posbridge is asked to answer within 25 (Prefer: wait=25).
        PosbridgeClient pos = new PosbridgeClient(url, key);
        pos.TimeoutSeconds = 30;

        string room = run + "-room-101";
        PreauthRequest stay = Keyed(room, 10000);
        stay.Operator = Cashier;
        PosbridgeAnswer held = pos.Preauth(stay);
        Step("preauth", held.HttpStatus == 201 && held.Result == Results.Approved && held.Final && held.State == "authorized" && held.AmountAuthorized == 10000 && held.PreferenceApplied == "wait=25",
            Show(held) + " | Preference-Applied: " + held.PreferenceApplied);
        Step("utf-8", held.Operator == Cashier, "operator sent as UTF-8 without BOM came back as " + held.Operator);

        PosbridgeAnswer again = pos.Preauth(stay);
        Step("repeat", again.HttpStatus == 200 && again.Result == Results.Approved && again.Id == held.Id, "same reference and body: " + again + ", same transaction: " + (again.Id == held.Id));

        PosbridgeAnswer adjusted = pos.Adjust(held.Id, 15000, room + "-adjust-1");
        Step("adjust", adjusted.HttpStatus == 200 && adjusted.Result == Results.Approved && adjusted.State == "authorized" && adjusted.AmountAuthorized == 15000, Show(adjusted));

        PosbridgeAnswer adjustedAgain = pos.Adjust(held.Id, 15000, room + "-adjust-1");
        Step("adjust-repeat", adjustedAgain.HttpStatus == 200 && adjustedAgain.Result == Results.Approved && adjustedAgain.AmountAuthorized == 15000, "same Idempotency-Key: " + Show(adjustedAgain));

        PosbridgeAnswer captured = pos.Capture(held.Id, null, room + "-capture-1");
        Step("capture", captured.HttpStatus == 200 && captured.Result == Results.Approved && captured.State == "captured" && captured.AmountCaptured == 15000, Show(captured));

        PosbridgeAnswer found = pos.FindByReference(Terminal, room);
        PosbridgeAnswer notFound = pos.FindByReference(Terminal, run + "-never-sent");
        Step("find-by-reference", found.Id == held.Id && found.State == "captured" && notFound.Result == Results.Refused && notFound.Code == "not_found",
            room + " -> " + found + "; " + run + "-never-sent -> " + notFound.Code);

        PosbridgeAnswer declined = pos.Preauth(Keyed(run + "-decline", 5101));
        Step("decline", declined.HttpStatus == 402 && declined.Result == Results.Declined && declined.Code == "card_declined" && declined.Final && declined.State == "declined" && declined.Id != null, Show(declined));

        PosbridgeAnswer partial = pos.Preauth(Keyed(run + "-partial", 5106));
        bool partialOk = partial.HttpStatus == 201 && partial.Result == Results.PartiallyApproved && partial.AmountAuthorized == 2553 && partial.AmountRequested == 5106;
        PosbridgeAnswer released = partialOk ? pos.Void(partial.Id, run + "-partial-void") : partial;
        Step("partial", partialOk && released.HttpStatus == 200 && released.Result == Results.Approved && released.State == "voided",
            Show(partial) + " requested=" + partial.AmountRequested + "; void: " + released);

        // respond-async: the POS screen stays responsive, then the POS polls.
        PosbridgeAnswer started = pos.BeginPreauth(Keyed(run + "-async", 2500));
        bool startedOk = started.HttpStatus == 202 && started.Result == Results.Pending && !started.Final && started.Location != null && started.PreferenceApplied == "respond-async";
        PosbridgeAnswer settled = pos.UntilFinal(started);
        Step("async", startedOk && settled.Final && settled.Result == Results.Approved && settled.State == "authorized" && settled.Polls >= 1,
            started + " Location: " + started.Location + " -> polled " + settled.Polls + "x -> " + settled);
        if (settled.State == "authorized") pos.Void(settled.Id, run + "-async-void");

        // Payroc answers 5104 "received, processed later": pending until posbridge looks it up. A POS
        // with a 6 s timeout asks for wait=1, hears 202 pending, and polls instead of giving up.
        PosbridgeClient quick = new PosbridgeClient(url, key);
        quick.TimeoutSeconds = 6;
        quick.PollForSeconds = 30;
        PosbridgeAnswer doubt = quick.Preauth(Keyed(run + "-later", 5104));
        Step("processed-later", doubt.FirstStatus == 202 && doubt.FirstResult == Results.Pending && doubt.PreferenceApplied == "wait=1" && doubt.Polls >= 1 && doubt.Final && doubt.Result == Results.Approved && doubt.State == "authorized",
            doubt.FirstStatus + " " + doubt.FirstResult + " (Preference-Applied: " + doubt.PreferenceApplied + ") -> polled " + doubt.Polls + "x -> " + doubt);
        if (doubt.State == "authorized") quick.Void(doubt.Id, run + "-later-void");

        // Refusals arrive as a WebException; the client reads the problem from ex.Response.
        PosbridgeAnswer conflict = pos.Preauth(Keyed(room, 12345));
        Step("reference-conflict", conflict.HttpStatus == 409 && conflict.Result == Results.Refused && conflict.Code == "reference_conflict" && conflict.Final && conflict.Id == null, Show(conflict));

        string decimalAmount = "{\"terminal_id\":\"" + Terminal + "\",\"amount\":25.00,\"currency\":\"USD\",\"reference\":\"" + run + "-decimal\"}";
        PosbridgeAnswer fraction = pos.Send("POST", "/v1/preauths", decimalAmount, null, null);
        Step("amount-not-minor-units", fraction.HttpStatus == 400 && fraction.Result == Results.Refused && fraction.Code == "amount_not_minor_units" && fraction.Id == null, Show(fraction));

        PosbridgeAnswer down = new PosbridgeClient("http://127.0.0.1:" + ClosedPort(), key).Preauth(Keyed(run + "-down", 2500));
        Step("not-running", down.HttpStatus == 0 && down.Result == Results.Refused && down.Code == "connection_refused" && down.Final, Show(down));

        // A listener that never answers stands in for a posbridge that hangs after taking the request.
        TcpListener silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            PosbridgeClient hung = new PosbridgeClient("http://127.0.0.1:" + ((IPEndPoint)silent.LocalEndpoint).Port, key);
            hung.TimeoutSeconds = 2;
            PosbridgeAnswer silence = hung.Preauth(Keyed(run + "-silent", 2500));
            Step("no-answer", silence.HttpStatus == 0 && silence.Result == Results.Unknown && silence.Code == "no_answer" && !silence.Final, Show(silence));
        }
        finally
        {
            silent.Stop();
        }
    }

    static int ClosedPort()
    {
        TcpListener l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
