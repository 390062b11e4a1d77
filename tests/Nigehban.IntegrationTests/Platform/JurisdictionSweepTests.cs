using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.PoliceComplaints;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Dashboard.Pages;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Identity.IdentityTestKit;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// The jurisdiction sweep, driven by the API's own OpenAPI document: every operation with an ID in its path or a unit in its query is
/// called, with the IDs of one district's records, by callers from elsewhere (another district's front desk and DPO, that district's
/// administrator and auditor, and an anonymous caller). Each must get 404 and none of the records' data; the only other answers are
/// 401 for an anonymous caller of a staff operation and 403 for a caller whose roles lack the operation's permission altogether
/// (decided from the endpoint's own policy), and, on a public operation, 400 asking for the citizen's secret (nationalId). A route
/// added later without scoping fails here; one this sweep cannot fill in fails here too, until it is taught.
/// </summary>
public abstract class JurisdictionSweepTests(NigehbanApp app)
{
    /// <summary>Public by design, with no personal data behind the key: left out, with the reason.</summary>
    private static readonly Dictionary<string, string> PublicByDesign = new(StringComparer.Ordinal)
    {
        ["GetUnit"] = "the unit tree is public",
        ["GetQueueScreen"] = "the waiting-hall screen shows token numbers only, on a kiosk without login",
        ["WatchQueueScreen"] = "the same waiting-hall screen, pushed as a stream of server-sent events",
        ["VerifyCertificate"] = "anyone holding a document may check it; the code is the document's own secret",
    };

    /// <summary>The citizen's secret that a public look-up asks for: an application's national ID, a complaint's phone.</summary>
    private static readonly string[] SecretFields = ["nationalId", "phone"];

    private const string ComplaintRoutes = "/api/v1/police-complaints/";

    [Fact]
    public async Task EveryScopedOperation_Answers404AndNoData_ToCallersOutsideTheRecordsDistrict()
    {
        var records = await SeedDistrictRecordsAsync();
        var callers = (await OutsideCallersAsync()).Concat(records.Protection!.Outsiders.Select(o => new Caller(o.Name, o.Client, PermissionsOf(o.Role)))).ToList();
        var operations = await ScopedOperationsAsync();
        operations.Count.ShouldBeGreaterThan(10, "the sweep found too few operations: is the OpenAPI document read right?");
        PublicByDesign.Keys.ShouldBeSubsetOf(await AllOperationIdsAsync(), "an exemption names no operation any more: remove it");

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var policy = PolicyOf(operation.OperationId);
            foreach (var caller in callers)
            {
                var secret = policy.AllowsAnonymous && caller.Permissions.Count == 0 ? ServiceCentreFixtures.NewCnic() : null;
                using var request = operation.Request(records, secret, outsider: true);
                var sentPath = request.RequestUri!.OriginalString.Split('?')[0];
                using var response = await caller.Client.SendAsync(request, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                var expected = Expected(policy, caller);
                var allowed = (int)response.StatusCode == expected
                    || (policy.AllowsAnonymous && response.StatusCode == HttpStatusCode.BadRequest && FieldOf(body) is { } field && SecretFields.Contains(field));
                if (!allowed)
                {
                    failures.Add($"{operation.OperationId} ({operation.Method} {operation.Path}) as {caller.Name}: {(int)response.StatusCode}, expected {expected}: {Shorten(body)}");
                }

                // A problem's "instance" echoes the request's own path, which carries the ID the caller sent.
                var answered = body.Replace(sentPath, "", StringComparison.Ordinal);
                foreach (var marker in records.Markers.Where(m => answered.Contains(m, StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"{operation.OperationId} as {caller.Name} disclosed '{marker}'");
                }

                if (response.StatusCode != HttpStatusCode.NoContent && !IsProblem(response))
                {
                    failures.Add($"{operation.OperationId} as {caller.Name}: {(int)response.StatusCode} without a ProblemDetails body");
                }
            }
        }

        // The control: the same requests from inside the district reach the records, so the 404s
        // above come from the scope and not from IDs that name nothing.
        foreach (var operation in operations)
        {
            var insider = operation.Path.StartsWith(ComplaintRoutes, StringComparison.Ordinal) ? await ComplaintCentreInsiderAsync(PolicyOf(operation.OperationId))
                : operation.Path.StartsWith(ProtectionSeeds.Routes, StringComparison.Ordinal) || operation.Path.StartsWith(ProtectionSeeds.ChatRoutes, StringComparison.Ordinal)
                    ? records.Protection!.InsiderFor(operation.Path)
                : await InsiderForAsync(PolicyOf(operation.OperationId));
            using var request = operation.Request(records, null, outsider: false);
            using var response = await insider.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            if (status is 401 or 403 or 404 or >= 500)
            {
                failures.Add($"control: {operation.OperationId} from inside the district answered {status}: {Shorten(await response.Content.ReadAsStringAsync(Ct))}");
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    private static int Expected(EndpointPolicy policy, Caller caller) =>
        policy.AllowsAnonymous ? 404
        : caller.Permissions.Count == 0 ? 401
        : policy.Permissions.All(caller.Permissions.Contains) ? 404
        : 403;

    /// <summary>One district's records, and strings of them that must never appear in an outsider's answer.</summary>
    private sealed record DistrictRecords(
        string Station, string Circle, string District, string Reference, string DocumentId, Guid StaffId, Guid TokenId,
        string ComplaintReference, string ComplaintPhone, Guid VisitId, string PoliceComplaint, IReadOnlyList<string> Markers, string Fir = "", Guid ArrestId = default,
        Guid Person = default, Guid HistoryEntry = default, Guid PersonMerge = default, Guid Hotel = default, Guid Alert = default,
        ProtectionSeeds? Protection = null, Guid StolenVehicle = default, Guid Terminal = default);

    private async Task<DistrictRecords> SeedDistrictRecordsAsync()
    {
        var station = app.Demo("frontdesk").Unit;
        var district = app.Demo("dpo").Unit;
        var marker = "Sweep Applicant " + Guid.NewGuid().ToString("N")[..8];
        var (reference, nationalId) = await ServiceCentreFixtures.ApplyWithDocumentsAsync(app, station, name: marker);
        // One more upload whose id the sweep knows, for the operations that read a supporting document.
        var uploaded = await ServiceCentreFixtures.PostDocumentAsync(app.CreateClient(), reference, "photo", ServiceCentreFixtures.SmallPng, "sweep.png", nationalId);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync(Ct));
        var documentId = (await uploaded.ReadJsonAsync()).GetProperty("id").GetString()!;

        var admin = await app.SignInAsync("admin");
        var staff = await CreateAsync(admin, Roles.FrontDesk, station);

        var frontDesk = await app.SignInAsync("frontdesk");
        // Issued, so that its certificate exists for the operations that read it.
        await ServiceCentreFixtures.TransitionAsync(frontDesk, reference, "DocumentsChecked");
        await ServiceCentreFixtures.TransitionAsync(frontDesk, reference, "RecordChecked");
        await ServiceCentreFixtures.TransitionAsync(await app.SignInAsync("sho"), reference, "Approved");
        (await frontDesk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ServiceCentreFixtures.TransitionAsync(frontDesk, reference, "Issued");
        var issued = await frontDesk.PostAsJsonAsync($"/api/v1/centres/{station}/tokens", new { serviceCode = (string?)null }, Ct);
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync(Ct));
        var token = (await issued.ReadJsonAsync()).GetProperty("id").GetGuid();

        // A complaint at the station and a visitor in its log, for the front desk's operations.
        var complaintPhone = FrontDesk.FrontDeskFixtures.NewPhone();
        var complaint = await FrontDesk.FrontDeskFixtures.FileAsync(app.CreateClient(), new
        {
            unit = station, category = "theft", description = "Sweep complaint", incidentAt = DateTimeOffset.UtcNow.AddHours(-1),
            complainant = new { name = marker, phone = complaintPhone },
        });
        var visit = await frontDesk.PostAsJsonAsync($"/api/v1/stations/{station}/visits", new { name = marker, purpose = "inquiry" }, Ct);
        visit.StatusCode.ShouldBe(HttpStatusCode.Created, await visit.Content.ReadAsStringAsync(Ct));
        var visitId = (await visit.ReadJsonAsync()).GetProperty("id").GetGuid();

        // A complaint against the district's station: owned by the force's complaint centre, so only the centre reaches it.
        var complainant = "Sweep Complainant " + Guid.NewGuid().ToString("N")[..8];
        var policeComplaint = await PoliceComplaintFixtures.SubmitAsync(app, station, PoliceComplaintFixtures.NewPhone(), name: complainant);

        // An FIR registered at the station, for the FIR operations.
        var firPhone = FrontDesk.FrontDeskFixtures.NewPhone();
        var fir = (await Cases.FirFixtures.RegisterAsync(frontDesk, Cases.FirFixtures.Fir(firPhone, unit: station))).GetProperty("reference").GetString()!;

        var arrestId = await JurisdictionSweepSeeds.WarrantAndArrestAsync(await app.SignInAsync("io"), fir);
        var (person, historyEntry, personMerge) = await JurisdictionSweepSeeds.PersonWithHistoryAndMergeAsync(await app.SignInAsync("sho"), station, marker);
        var (hotel, alert, terminal) = await JurisdictionSweepSeeds.RegistrarsAndAlertAsync(app, frontDesk, await app.SignInAsync("io"), station, marker);
        var units = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units", Ct);
        var circle = units!.Single(u => u.GetProperty("code").GetString() == station).GetProperty("parentCode").GetString()!;
        return new DistrictRecords(station, circle, district, reference, documentId, staff.Id, token, complaint, complaintPhone, visitId, policeComplaint,
            [reference, nationalId, marker, staff.UserName, complaint, complaintPhone, policeComplaint, complainant, fir, firPhone, "Sweep Accused"], fir, arrestId,
            Person: person, HistoryEntry: historyEntry, PersonMerge: personMerge, Hotel: hotel, Alert: alert, Terminal: terminal,
            Protection: await JurisdictionSweepSeeds.ProtectionAsync(app, marker),
            StolenVehicle: await JurisdictionSweepSeeds.StolenVehicleAsync(frontDesk, station, marker));
    }

    private sealed record Caller(string Name, HttpClient Client, IReadOnlySet<string> Permissions);

    private async Task<List<Caller>> OutsideCallersAsync()
    {
        var otherDistrict = app.Demo("dpo2").Unit;
        var admin = await app.SignInAsync("admin");
        var districtAdmin = await CreateAsync(admin, Roles.Administrator, otherDistrict);
        var districtAuditor = await CreateAsync(admin, Roles.Auditor, otherDistrict);
        return
        [
            new("anonymous", app.CreateClient(), new HashSet<string>()),
            new("front desk of another district", await app.SignInAsync("frontdesk2"), PermissionsOf(Roles.FrontDesk)),
            new("DPO of another district", await app.SignInAsync("dpo2"), PermissionsOf(Roles.Dpo)),
            new("administrator of another district", await SignInAsync(districtAdmin), PermissionsOf(Roles.Administrator)),
            new("auditor of another district", await SignInAsync(districtAuditor), PermissionsOf(Roles.Auditor)),
        ];
    }

    /// <summary>A demo account of the records' district (or of the whole force) that holds the operation's permissions.</summary>
    private async Task<HttpClient> InsiderForAsync(EndpointPolicy policy)
    {
        // District level first: the unit filters name the district, which a station's officer does not reach.
        string[] insiders = ["dpo", "admin", "auditor", "frontdesk", "sho"];
        var name = insiders.FirstOrDefault(n => policy.Permissions.All(PermissionsOf(app.Demo(n).Role).Contains))
            ?? throw new InvalidOperationException($"No demo account holds {string.Join(", ", policy.Permissions)}.");
        return await app.SignInAsync(name);
    }

    /// <summary>Complaints against police are the centre's: its clerk, or the IG for the senior officers' operations.</summary>
    private async Task<HttpClient> ComplaintCentreInsiderAsync(EndpointPolicy policy) =>
        await app.SignInAsync(policy.Permissions.All(PermissionsOf(app.Demo("centre").Role).Contains) ? "centre" : "ig");

    private static HashSet<string> PermissionsOf(string role) => [.. Roles.PermissionsOf([role])];

    private async Task<TestStaff> CreateAsync(HttpClient admin, string role, string unitCode)
    {
        var userName = "sweep-" + Guid.NewGuid().ToString("N")[..12];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { userName, displayName = "Sweep officer", unitCode, roles = new[] { role }, password }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var enrolment = await response.ReadJsonAsync();
        return new TestStaff(enrolment.GetProperty("accountId").GetGuid(), userName, password, enrolment.GetProperty("totpSecret").GetString()!);
    }

    private Task<HttpClient> SignInAsync(TestStaff staff) => app.BearerClientAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, DateTimeOffset.UtcNow));

    /// <summary>An operation of the document that carries an ID in its path or a unit in its query.</summary>
    private sealed record Operation(string OperationId, string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters)
    {
        public bool HasUnitQuery => QueryParameters.Contains("unit", StringComparer.OrdinalIgnoreCase);

        /// <param name="outsider">Whether the caller is outside the records' district: it holds no citizen's secret either.</param>
        public HttpRequestMessage Request(DistrictRecords records, string? nationalId, bool outsider)
        {
            var path = Path;
            foreach (var name in PathParameters)
            {
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(ValueOf(name, records)), StringComparison.Ordinal);
            }

            var query = new List<string>();
            if (HasUnitQuery)
            {
                query.Add("unit=" + records.District);
            }

            if (nationalId is not null)
            {
                // A complaint is tracked with the complainant's phone, an application with the national ID.
                query.Add(IsComplaint ? "phone=" + Uri.EscapeDataString(FrontDesk.FrontDeskFixtures.NewPhone()) : "nationalId=" + Uri.EscapeDataString(nationalId));
            }

            // Filters a dashboard query needs before it looks at the unit: a week up to today, a metric with a dimension.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            query.AddRange(QueryParameters.Intersect(["from", "to", "metric"], StringComparer.Ordinal).Select(name => name switch
            {
                "from" => $"from={today.AddDays(-7):yyyy-MM-dd}",
                "to" => $"to={today:yyyy-MM-dd}",
                _ => "metric=" + MetricCatalog.All.First(m => m.Dimension is not null).Key,
            }));

            var request = new HttpRequestMessage(new HttpMethod(Method), query.Count == 0 ? path : path + "?" + string.Join('&', query));
            request.Content = BodyOf(records, nationalId, outsider);
            return request;
        }

        private bool IsComplaint => Path.StartsWith("/api/v1/complaints/", StringComparison.Ordinal);

        /// <summary>Each path parameter names one of the district's records; a parameter the sweep does not know fails it.</summary>
        private string ValueOf(string parameter, DistrictRecords records) => (OperationId, parameter) switch
        {
            (_, "reference") when IsComplaint => records.ComplaintReference,
            ("RevokeProtectionCaseGrant", "officer") => records.Protection!.GrantedOfficer,
            (_, "reference") when Path.StartsWith(ProtectionSeeds.Routes, StringComparison.Ordinal) => records.Protection!.Case,
            (_, "id") when Path.StartsWith(ProtectionSeeds.ChatRoutes, StringComparison.Ordinal) => records.Protection!.Chat.ToString(),
            (_, "id") when Path.StartsWith(ProtectionSeeds.Routes, StringComparison.Ordinal) => (Path.Contains("follow-ups", StringComparison.Ordinal) ? records.Protection!.FollowUp : records.Protection!.Referral).ToString(),
            (_, "reference") when Path.StartsWith(ComplaintRoutes, StringComparison.Ordinal) => records.PoliceComplaint,
            (_, "reference") when Path.StartsWith("/api/v1/firs/", StringComparison.Ordinal) => records.Fir,
            (_, "reference") => records.Reference,
            ("RecordVisitDeparture", "id") => records.VisitId.ToString(),
            ("RecordCourtProduction", "id") => records.ArrestId.ToString(),
            (_, "unit") => records.Station,
            (_, "number") => "1",
            ("MoveUnit", "code") => records.Circle,
            ("ServeQueueToken", "id") => records.TokenId.ToString(),
            ("GetSupportingDocument", "id") => records.DocumentId,
            (_, "id") when Path.StartsWith("/api/v1/staff/", StringComparison.Ordinal) => records.StaffId.ToString(),
            (_, "id") when Path.StartsWith("/api/v1/persons/", StringComparison.Ordinal) => records.Person.ToString(),
            (_, "entryId") => records.HistoryEntry.ToString(),
            (_, "id") when Path.StartsWith("/api/v1/hotels/", StringComparison.Ordinal) => records.Hotel.ToString(),
            (_, "id") when Path.StartsWith("/api/v1/terminals/", StringComparison.Ordinal) => records.Terminal.ToString(),
            (_, "id") when Path.StartsWith("/api/v1/registration-alerts/", StringComparison.Ordinal) => records.Alert.ToString(),
            (_, "mergeId") => records.PersonMerge.ToString(),
            (_, "id") when Path.StartsWith("/api/v1/stolen-vehicles/", StringComparison.Ordinal) => records.StolenVehicle.ToString(),
            ("ExportDashboardTable", "table") => DashboardTables.Names.First(),
            ("GetDashboardUnitSet", "set") => Nigehban.Web.Features.Protection.ProtectionCentreFigures.SetKey,
            _ => throw new InvalidOperationException(
                $"The jurisdiction sweep does not know what to put in {{{parameter}}} of {OperationId} ({Method} {Path}): teach it which record that names."),
        };

        /// <summary>A body that passes validation, so that what answers is the scope, not a missing field.</summary>
        private HttpContent? BodyOf(DistrictRecords records, string? nationalId, bool outsider) => OperationId switch
        {
            "AssignInquiryOfficer" => JsonContent.Create(new { officer = "io", officerName = "Sweep Officer", phone = "+923001112222" }),
            "DisposeComplaint" => JsonContent.Create(new { outcome = "Resolved" }),
            "TransferComplaint" => JsonContent.Create(new { toUnit = records.Station, reason = "sweep" }),
            "RateComplaint" => JsonContent.Create(new { phone = outsider ? FrontDesk.FrontDeskFixtures.NewPhone() : records.ComplaintPhone, rating = 3 }),
            "LogVisit" => JsonContent.Create(new { name = "Sweep Visitor", purpose = "inquiry" }),
            "MoveUnit" => JsonContent.Create(new { parentCode = records.District }),
            // A step the insider chosen by the endpoint's policy (a DPO: read) may take; the issued record refuses it (409).
            "TransitionServiceRequest" => JsonContent.Create(new { to = "Rejected", reason = "sweep" }),
            "RecordFeePayment" => JsonContent.Create(new { method = "Cash", amount = 1m }),
            "ServeQueueToken" => JsonContent.Create(new { noShow = true }),
            "SetCounter" => JsonContent.Create(new { label = "Sweep", isOpen = true }),
            "SetStaffStatus" => JsonContent.Create(new { status = "Disabled" }),
            "IssueQueueToken" => JsonContent.Create(new { serviceCode = (string?)null }),
            "UploadSupportingDocument" => Upload(nationalId),
            "RecoverStolenVehicle" => JsonContent.Create(new { place = "Sweep Road", recoveredAt = DateTimeOffset.UtcNow }),
            "HandOverStolenVehicle" => JsonContent.Create(new { to = "Sweep Owner", handedOverAt = DateTimeOffset.UtcNow }),
            _ when Method is "POST" or "PUT" => JsonContent.Create(new { }),
            _ => null,
        };

        private static MultipartFormDataContent Upload(string? nationalId)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(ServiceCentreFixtures.SmallPdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "sweep.pdf");
            form.Add(new StringContent("national-id-copy"), "documentCode");
            if (nationalId is not null)
            {
                form.Add(new StringContent(nationalId), "nationalId");
            }

            return form;
        }
    }

    private async Task<JsonElement> OpenApiAsync()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    private async Task<HashSet<string>> AllOperationIdsAsync() =>
        [.. OperationsOf(await OpenApiAsync()).Select(o => o.OperationId)];

    private async Task<List<Operation>> ScopedOperationsAsync() =>
        [.. OperationsOf(await OpenApiAsync())
            .Where(o => (o.PathParameters.Count > 0 || o.HasUnitQuery) && !PublicByDesign.ContainsKey(o.OperationId))];

    private static IEnumerable<Operation> OperationsOf(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("operationId", out _)))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                string[] Named(string location) =>
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == location).Select(p => p.GetProperty("name").GetString()!)];
                yield return new Operation(
                    method.Value.GetProperty("operationId").GetString()!,
                    method.Name.ToUpperInvariant(),
                    path.Name,
                    Named("path"),
                    Named("query"));
            }
        }
    }

    private sealed record EndpointPolicy(bool AllowsAnonymous, IReadOnlyList<string> Permissions);

    /// <summary>What the endpoint itself declares: anonymous, or the permission policies it requires.</summary>
    private EndpointPolicy PolicyOf(string operationId)
    {
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == operationId);
        return new EndpointPolicy(
            endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            [.. endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct()]);
    }

    private static bool IsProblem(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private static string? FieldOf(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("field", out var field) ? field.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}

public sealed class JurisdictionSweepTests_Sqlite(SqliteApp app) : JurisdictionSweepTests(app);

public sealed class JurisdictionSweepTests_Postgres(PostgresApp app) : JurisdictionSweepTests(app);
