using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Fuzz;

/// <summary>
/// Malformed queries, path values, bodies, content types and headers sent to every operation of
/// <c>/openapi/v1.json</c>, anonymously and as signed-in staff: no answer may be a 5xx, and every
/// 4xx must be a ProblemDetails. A fixed set of cases per operation runs in CI; <c>FUZZ_ITERATIONS</c>
/// adds that many random combinations per operation (seeded by <c>FUZZ_SEED</c>, default 13), for the
/// long run documented in bench/README.md. Routes added later are covered without editing this test.
/// </summary>
public abstract class OpenApiFuzzTests
{
    protected abstract DatabaseProvider Provider { get; }

    private static readonly string[] BadValues =
    [
        "", " ", "x", "-1", "0", "2147483648", "99999999999999999999", "1e309", "NaN", "true", "null",
        "0001-01-01", "9999-12-31", "2026-02-30", "00000000-0000-0000-0000-000000000000", "%FF%FE", "%C0%AF",
        "<script>alert(1)</script>", "' OR '1'='1", "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "%F0%9F%92%A9",
        new string('9', 400), new string('a', 3000),
    ];

    private static readonly string[] BadBodies =
    [
        "", "{", "}", "[]", "null", "0", "\"text\"", "{\"a\":}", "{\"a\":1,}", "{\"x\":\"\\ud800\"}",
        "{" + string.Concat(Enumerable.Repeat("\"a\":{", 80)) + string.Concat(Enumerable.Repeat("}", 81)),
        "[" + string.Join(",", Enumerable.Repeat("{}", 5000)) + "]",
        "{\"serviceCode\":1,\"unit\":[],\"applicant\":\"x\",\"details\":{\"a\":1e400},\"from\":\"9999-12-31\",\"page\":-1}",
        "{\"userName\":null,\"password\":{},\"otp\":[1],\"roles\":[null,5],\"unitCode\":\"\\u0000\",\"parentCode\":true}",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json; charset=nonsense", "application/json; charset=utf-16", "text/plain",
        "application/xml", "multipart/form-data", "multipart/form-data; boundary=", "application/x-www-form-urlencoded",
        "application/octet-stream", "*/*", null,
    ];

    private static readonly (string Name, string Value)[] BadHeaders =
    [
        ("Idempotency-Key", new string('k', 300)), ("Idempotency-Key", " "), ("Accept", "application/xml"),
        ("Accept-Language", "xx-INVALID;q=abc"), ("Authorization", "Bearer not-a-token"), ("Authorization", "Basic Og=="),
        ("X-Forwarded-For", "not-an-address"), ("If-None-Match", "\"\""), ("Range", "bytes=9999999999-"),
    ];

    [Fact]
    public async Task EveryOperation_AnswersMalformedInput_WithoutA5xx_AndEvery4xxIsAProblem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new ConfiguredApp(Provider);
        await app.InitializeAsync();
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", ct)).RootElement;
        var operations = Operations(document).ToList();
        operations.Count.ShouldBeGreaterThan(20);

        var callers = new List<HttpClient> { app.CreateClient(), await app.SignInAsync("ig"), await app.SignInAsync("admin"), await app.SignInAsync("frontdesk") };
        var failures = new List<string>();
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : 13);
        var extra = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : 0;
        var sent = 0;

        foreach (var operation in operations)
        {
            foreach (var request in FixedCases(operation).Concat(RandomCases(operation, random, extra)))
            {
                var caller = callers[sent++ % callers.Count];
                using var message = request.ToMessage();
                using var response = await caller.SendAsync(message, ct);
                var problem = await ProblemOf(response, ct);
                if (problem is not null)
                {
                    failures.Add($"{request}: {problem}");
                }
            }
        }

        failures.ShouldBeEmpty($"{failures.Count} of {sent} requests:\n" + string.Join("\n", failures.Distinct().Take(40)));
    }

    /// <summary>Null when the answer is acceptable; otherwise what is wrong with it.</summary>
    private static async Task<string?> ProblemOf(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(ct);
        if (status >= 500)
        {
            return $"{status} {Shorten(body)}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} without a ProblemDetails ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}) {Shorten(body)}";
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            return problem.TryGetProperty("status", out var s) && s.GetInt32() == status && problem.TryGetProperty("traceId", out _)
                ? null
                : $"{status} with a ProblemDetails lacking status or traceId {Shorten(body)}";
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON {Shorten(body)}";
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, bool HasBody);

    private sealed record FuzzRequest(string Method, string Url, string? Body, string? ContentType, (string Name, string Value)? Header)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), Url);
            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
                message.Content.Headers.ContentType = null;
                if (ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            if (Header is { } header)
            {
                if (header.Name == "Authorization")
                {
                    message.Headers.Authorization = AuthenticationHeaderValue.Parse(header.Value);
                }
                else
                {
                    message.Headers.TryAddWithoutValidation(header.Name, header.Value);
                }
            }

            return message;
        }

        public override string ToString() =>
            $"{Method} {(Url.Length > 160 ? Url[..160] + "…" : Url)}" + (Body is null ? "" : $" body[{Body.Length}] {ContentType}") + (Header is { } h ? $" {h.Name}: {(h.Value.Length > 20 ? h.Value[..20] + "…" : h.Value)}" : "");
    }

    /// <summary>Operations in document order, the ones that end a session last so the callers stay signed in.</summary>
    private static IEnumerable<Operation> Operations(JsonElement document)
    {
        var all = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                all.Add(new Operation(
                    method.Name.ToUpperInvariant(),
                    path.Name,
                    [.. parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!)],
                    [.. parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!)],
                    method.Value.TryGetProperty("requestBody", out _)));
            }
        }

        return all.OrderBy(o => o.Path.Contains("logout", StringComparison.OrdinalIgnoreCase) || o.Method == "DELETE" ? 1 : 0);
    }

    private static string Url(Operation operation, Func<string, string> pathValue, IEnumerable<(string Name, string Value)> query)
    {
        var path = operation.PathParameters.Aggregate(operation.Path, (p, name) => p.Replace("{" + name + "}", pathValue(name), StringComparison.Ordinal));
        var pairs = query.Select(q => $"{Uri.EscapeDataString(q.Name)}={q.Value}").ToList();
        return pairs.Count == 0 ? path : path + "?" + string.Join('&', pairs);
    }

    /// <summary>Each bad value in each path parameter and each query parameter, each bad body under each content type, each bad header.</summary>
    private static IEnumerable<FuzzRequest> FixedCases(Operation operation)
    {
        const string plain = "x1";
        foreach (var value in BadValues)
        {
            foreach (var name in operation.PathParameters)
            {
                yield return new FuzzRequest(operation.Method, Url(operation, p => p == name ? (value.Length == 0 ? "%20" : value) : plain, []), null, null, null);
            }

            if (operation.QueryParameters.Count > 0)
            {
                yield return new FuzzRequest(operation.Method, Url(operation, _ => plain, operation.QueryParameters.Select(q => (q, value))), null, null, null);
            }
        }

        if (operation.HasBody || operation.Method is "POST" or "PUT")
        {
            foreach (var body in BadBodies)
            {
                yield return new FuzzRequest(operation.Method, Url(operation, _ => plain, []), body, "application/json", null);
            }

            foreach (var contentType in ContentTypes)
            {
                yield return new FuzzRequest(operation.Method, Url(operation, _ => plain, []), "{\"a\":1}", contentType, null);
            }
        }

        foreach (var header in BadHeaders)
        {
            yield return new FuzzRequest(operation.Method, Url(operation, _ => plain, []), operation.HasBody ? "{}" : null, operation.HasBody ? "application/json" : null, header);
        }
    }

    private static IEnumerable<FuzzRequest> RandomCases(Operation operation, Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            string Pick(IReadOnlyList<string> values) => values[random.Next(values.Count)];
            var query = operation.QueryParameters.Where(_ => random.Next(2) == 0).Select(q => (q, Pick(BadValues))).ToList();
            var withBody = operation.HasBody || random.Next(4) == 0;
            yield return new FuzzRequest(
                operation.Method,
                Url(operation, _ => Uri.EscapeDataString(Pick(BadValues)) is { Length: > 0 } v ? v : "%20", query),
                withBody ? Pick(BadBodies) : null,
                withBody ? ContentTypes[random.Next(ContentTypes.Length)] : null,
                random.Next(3) == 0 ? BadHeaders[random.Next(BadHeaders.Length)] : null);
        }
    }
}

public sealed class OpenApiFuzzTests_Sqlite : OpenApiFuzzTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class OpenApiFuzzTests_Postgres : OpenApiFuzzTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
