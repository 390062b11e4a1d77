using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// The rules /openapi/v1.json keeps so that a client generated from it is right (ADR-033):
/// each test reads the document as JSON, as a third-party tool would.
/// </summary>
public abstract class OpenApiDocumentTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync()
    {
        var text = await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select (path.Name, method.Name, method.Value);

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    [Fact]
    public async Task Document_DeclaresBearerScheme_AndWhichOperationsNeedIt()
    {
        var document = await DocumentAsync();

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        bearer.GetProperty("type").GetString().ShouldBe("http");
        bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
        foreach (var (path, method, operation) in Operations(document))
        {
            operation.TryGetProperty("security", out _).ShouldBeTrue($"{method} {path} says nothing about security");
        }
        var staff = Operation(document, "/api/v1/staff", "get").GetProperty("security");
        staff.EnumerateArray().Single().TryGetProperty("Bearer", out _).ShouldBeTrue();
        Operation(document, "/api/v1/units", "get").GetProperty("security").GetArrayLength().ShouldBe(0);
        Operation(document, "/api/v1/auth/token", "post").GetProperty("security").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task HotelOperations_AskForTheHotelsKeyInItsHeader_NotABearerToken()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");

        // A hotel's software generates its client from the document: it must learn the header there.
        var key = schemes.GetProperty("HotelKey");
        key.GetProperty("type").GetString().ShouldBe("apiKey");
        key.GetProperty("in").GetString().ShouldBe("header");
        key.GetProperty("name").GetString().ShouldBe("X-Hotel-Key");
        foreach (var (path, method) in new[] { ("/api/v1/hotel/guests", "post"), ("/api/v1/hotel/guests", "get"), ("/api/v1/hotel/departures", "post") })
        {
            Operation(document, path, method).GetProperty("security").EnumerateArray().Single().EnumerateObject().Single().Name.ShouldBe("HotelKey", $"{method} {path}");
        }

        // The station's own hotel routes stay with the staff token.
        Operation(document, "/api/v1/hotels", "post").GetProperty("security").EnumerateArray().Single().TryGetProperty("Bearer", out _).ShouldBeTrue();
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var requirement in operation.GetProperty("security").EnumerateArray())
            {
                foreach (var scheme in requirement.EnumerateObject())
                {
                    schemes.TryGetProperty(scheme.Name, out _).ShouldBeTrue($"{method} {path} names an undeclared scheme {scheme.Name}");
                }
            }
        }
    }

    [Fact]
    public async Task TerminalOperations_AskForTheTerminalsKeyInItsHeader_NotABearerToken()
    {
        var document = await DocumentAsync();
        var key = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("TerminalKey");
        key.GetProperty("type").GetString().ShouldBe("apiKey");
        key.GetProperty("in").GetString().ShouldBe("header");
        key.GetProperty("name").GetString().ShouldBe("X-Terminal-Key");
        foreach (var (path, method) in new[] { ("/api/v1/terminal/travellers", "post"), ("/api/v1/terminal/travellers", "get"), ("/api/v1/terminal/travellers/batches", "post") })
        {
            Operation(document, path, method).GetProperty("security").EnumerateArray().Single().EnumerateObject().Single().Name.ShouldBe("TerminalKey", $"{method} {path}");
        }

        Operation(document, "/api/v1/terminals", "post").GetProperty("security").EnumerateArray().Single().TryGetProperty("Bearer", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task EveryOperation_DocumentsItsErrors_AsProblemDetails()
    {
        var document = await DocumentAsync();

        foreach (var (path, method, operation) in Operations(document))
        {
            var errors = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
            errors.ShouldNotBeEmpty($"{method} {path} documents no error");
            // Every operation can find the database unreachable (ADR-025).
            errors.Select(e => e.Name).ShouldContain("503", $"{method} {path}");
            foreach (var error in errors)
            {
                var schema = error.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
                schema.GetProperty("$ref").GetString().ShouldBe("#/components/schemas/ProblemDetails", $"{method} {path} {error.Name}");
            }
        }
        ErrorStatuses(document, "/api/v1/staff", "get").ShouldBe(["400", "401", "403", "404", "503"], ignoreOrder: true);
        ErrorStatuses(document, "/api/v1/service-requests", "post").ShouldContain("429");
        // An Idempotency-Key sent again with a different request is refused with 422.
        ErrorStatuses(document, "/api/v1/service-requests", "post").ShouldContain("422");
        ErrorStatuses(document, "/api/v1/staff", "post").ShouldNotContain("422");
        ErrorStatuses(document, "/api/v1/service-requests", "post").ShouldContain("415");
        ErrorStatuses(document, "/api/v1/auth/token", "post").ShouldContain("401");
        document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails")
            .GetProperty("properties").TryGetProperty("traceId", out _).ShouldBeTrue();
    }

    private static List<string> ErrorStatuses(JsonElement document, string path, string method) =>
        [.. Operation(document, path, method).GetProperty("responses").EnumerateObject().Select(r => r.Name).Where(s => s[0] is '4' or '5')];

    [Fact]
    public async Task CitizenTrackingAnswer_HasItsOwnSchema()
    {
        var document = await DocumentAsync();

        var schema = Operation(document, "/api/v1/service-requests/{reference}", "get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var choices = schema.GetProperty("oneOf").EnumerateArray().Select(c => c.GetProperty("$ref").GetString()).ToList();
        choices.ShouldBe(["#/components/schemas/ServiceRequestStatusView", "#/components/schemas/ServiceRequestDetail"], ignoreOrder: true);
        document.GetProperty("components").GetProperty("schemas").TryGetProperty("ServiceRequestStatusView", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task FilesDeclareTheirContentTypes()
    {
        var document = await DocumentAsync();

        ContentTypes(document, "/api/v1/service-requests/{reference}/document").ShouldBe(["application/pdf"]);
        ContentTypes(document, "/api/v1/dashboard/exports/{table}")
            .ShouldBe(["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"], ignoreOrder: true);
    }

    private static List<string> ContentTypes(JsonElement document, string path) =>
        [.. Operation(document, path, "get").GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name)];

    [Fact]
    public async Task NullableProperties_AreOptional_AndRequiredOnesAreNotNullable()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var schema in schemas.EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("required", out var required))
            {
                continue;
            }
            var properties = schema.Value.GetProperty("properties");
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                IsNullable(properties.GetProperty(name)).ShouldBeFalse($"{schema.Name}.{name} is required and nullable");
            }
        }
        // [Required] on a nullable C# property: validation refuses null, so the document does too.
        var status = schemas.GetProperty("SetStaffStatusRequest");
        status.GetProperty("required").EnumerateArray().Select(n => n.GetString()).ShouldContain("status");
        status.GetProperty("properties").GetProperty("status").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/StaffStatus");
    }

    private static bool IsNullable(JsonElement schema) =>
        (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null"))
        || (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Any(c => c.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));

    [Fact]
    public async Task QueryParameters_AreCamelCase()
    {
        var document = await DocumentAsync();

        var names = Operations(document)
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(p => p.GetProperty("in").GetString() == "query")
            .Select(p => p.GetProperty("name").GetString()!)
            .ToList();

        names.ShouldContain("pageSize");
        names.Where(n => char.IsUpper(n[0])).ShouldBeEmpty();
    }

    [Fact]
    public async Task Numbers_AreNumbers_AndEnumsAreTypedEnums()
    {
        var document = await DocumentAsync();

        var schemas = AllObjects(document).Where(o => o.TryGetProperty("type", out _) || o.TryGetProperty("enum", out _)).ToList();

        foreach (var schema in schemas.Where(s => s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Array))
        {
            var types = schema.GetProperty("type").EnumerateArray().Select(t => t.GetString()).ToList();
            (types.Contains("string") && (types.Contains("integer") || types.Contains("number"))).ShouldBeFalse(schema.ToString());
        }
        foreach (var schema in schemas.Where(s => s.TryGetProperty("enum", out _)))
        {
            schema.TryGetProperty("type", out _).ShouldBeTrue($"enum without a type: {schema}");
        }
        var staffStatus = document.GetProperty("components").GetProperty("schemas").GetProperty("StaffStatus");
        staffStatus.GetProperty("enum").EnumerateArray().ShouldAllBe(v => v.ValueKind == JsonValueKind.String);
    }

    private static IEnumerable<JsonElement> AllObjects(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var child in element.EnumerateObject().SelectMany(p => AllObjects(p.Value)))
            {
                yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(AllObjects))
            {
                yield return child;
            }
        }
    }

    [Fact]
    public async Task ServerUrl_HasNoTrailingSlash()
    {
        var document = await DocumentAsync();

        var urls = document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()!).ToList();

        urls.ShouldNotBeEmpty();
        urls.ShouldAllBe(url => !url.EndsWith('/'));
    }

    [Fact]
    public async Task Introduction_SaysWhatNigehbanIs_AndHowToGetAToken()
    {
        var document = await DocumentAsync();

        var info = document.GetProperty("info");
        info.GetProperty("title").GetString().ShouldBe("Nigehban API");
        var description = info.GetProperty("description").GetString()!;
        description.ShouldContain("open platform for IT-based policing");
        description.ShouldContain("POST /api/v1/auth/token");
        description.ShouldContain("Authorization: Bearer");
    }

    [Fact]
    public async Task Scalar_HidesTheVendorsOffers()
    {
        var html = await app.CreateClient().GetStringAsync("/scalar/", Ct);

        html.ShouldContain("\"hideClientButton\":true");
        html.ShouldContain("\"telemetry\":false");
        html.ShouldContain("\"showDeveloperTools\":\"never\"");
        html.ShouldContain("\"agent\":{\"disabled\":true}");
        html.ShouldContain("\"mcp\":{\"disabled\":true}");
    }
}

public sealed class OpenApiDocumentTests_Sqlite(SqliteApp app) : OpenApiDocumentTests(app);

public sealed class OpenApiDocumentTests_Postgres(PostgresApp app) : OpenApiDocumentTests(app);
