using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>Records of a district the jurisdiction sweep needs beyond the first ones: case work and persons.</summary>
internal static class JurisdictionSweepSeeds
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A warrant (number 1) and an arrest of the FIR's accused at position 3, for the operations that name them; the arrest's id.</summary>
    public static async Task<Guid> WarrantAndArrestAsync(HttpClient io, string fir)
    {
        var warrant = await io.PostAsJsonAsync($"/api/v1/firs/{fir}/warrants",
            new { partyPosition = 3, issuedOn = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), court = "Sweep Court" }, Ct);
        warrant.StatusCode.ShouldBe(HttpStatusCode.Created, await warrant.Content.ReadAsStringAsync(Ct));
        var arrest = await io.PostAsJsonAsync($"/api/v1/firs/{fir}/arrests", new { person = "Sweep Accused", accusedPosition = 3 }, Ct);
        arrest.StatusCode.ShouldBe(HttpStatusCode.Created, await arrest.Content.ReadAsStringAsync(Ct));
        return (await arrest.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>A person on record at the station, with a line of history and a duplicate merged into it.</summary>
    public static async Task<(Guid Person, Guid HistoryEntry, Guid Merge)> PersonWithHistoryAndMergeAsync(HttpClient sho, string station, string marker)
    {
        var person = await Records.RecordsFixtures.RegisterAsync(sho, new { unit = station, name = marker, parentName = "Sweep Father" });
        var entry = await sho.PostAsJsonAsync($"/api/v1/persons/{person}/history", new { kind = "gang", text = marker }, Ct);
        entry.StatusCode.ShouldBe(HttpStatusCode.Created, await entry.Content.ReadAsStringAsync(Ct));
        var duplicate = await Records.RecordsFixtures.RegisterAsync(sho, new { unit = station, name = marker + " Duplicate", parentName = "Sweep Father" });
        var merge = await sho.PostAsJsonAsync($"/api/v1/persons/{person}/merges", new { duplicateId = duplicate, reason = "sweep" }, Ct);
        merge.StatusCode.ShouldBe(HttpStatusCode.Created, await merge.Content.ReadAsStringAsync(Ct));
        return (person, (await entry.ReadJsonAsync()).GetProperty("id").GetGuid(), (await merge.ReadJsonAsync()).GetProperty("mergeId").GetGuid());
    }

    /// <summary>A vehicle recorded stolen at the station, lost at a place named <paramref name="marker"/>, for the stolen-vehicle operations.</summary>
    public static async Task<Guid> StolenVehicleAsync(HttpClient frontDesk, string station, string marker) =>
        (await Records.StolenVehicleTests.RecordAsync(frontDesk, new
        {
            unit = station, registrationNumber = Records.StolenVehicleTests.NewPlate(), make = "Sweep Make", loss = "Theft", lostPlace = marker,
            lostAt = DateTimeOffset.UtcNow.AddHours(-1),
        })).GetProperty("id").GetGuid();

    /// <summary>A hotel of the station, the alert a wanted guest of it raised, and a transport terminal of the station, for the registration operations.</summary>
    public static async Task<(Guid Hotel, Guid Alert, Guid Terminal)> RegistrarsAndAlertAsync(Infrastructure.NigehbanApp app, HttpClient frontDesk, HttpClient io, string station, string marker)
    {
        var cnic = ServiceCentres.ServiceCentreFixtures.NewCnic();
        await Records.HotelRegistrationFixtures.ProclaimWantedAsync(frontDesk, io, marker, cnic, "Sweep Father");
        var hotel = await Records.HotelRegistrationFixtures.RegisterHotelAsync(frontDesk, station, marker + " Hotel");
        var stay = await Records.HotelRegistrationFixtures.CheckInAsync(Records.HotelRegistrationFixtures.HotelClient(app, hotel.Key),
            Records.HotelRegistrationFixtures.Guest(cnic, marker, "Sweep Father"));
        stay.StatusCode.ShouldBe(HttpStatusCode.Created, await stay.Content.ReadAsStringAsync(Ct));
        var alert = (await Records.HotelRegistrationFixtures.AlertsAsync(frontDesk)).First(a => a.GetProperty("personName").GetString() == marker);
        return (hotel.Id, alert.GetProperty("id").GetGuid(), await TerminalAsync(frontDesk, station, marker));
    }

    /// <summary>A transport terminal on the station's books, named after <paramref name="marker"/>.</summary>
    public static async Task<Guid> TerminalAsync(HttpClient frontDesk, string station, string marker)
    {
        var response = await frontDesk.PostAsJsonAsync("/api/v1/terminals", new { unit = station, name = marker + " Terminal", address = "1 Sweep Road" }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// A protection case at the station's centre (the person named <paramref name="marker"/>), a follow-up and a
    /// referral; the desk's officer and a partner account of the district as insiders; a protection officer and
    /// a partner account of another district as outsiders, who must get 404.
    /// </summary>
    public static async Task<ProtectionSeeds> ProtectionAsync(NigehbanApp app, string marker)
    {
        var officer = await app.SignInAsync("protection");
        var reference = await OpenAsync(officer, Case(app.Demo("protection").Unit, marker));
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/protection-cases/{reference}", Ct);
        var referral = await officer.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/referrals", new { partner = "women-shelter", need = "shelter", note = marker }, Ct);
        referral.StatusCode.ShouldBe(HttpStatusCode.OK, await referral.Content.ReadAsStringAsync(Ct));

        var admin = await app.SignInAsync("admin");
        async Task<HttpClient> PartnerAsync(string unit)
        {
            var staff = await NewStaffAsync(app, admin, Roles.ProtectionPartner, unit);
            (await admin.PostAsJsonAsync("/api/v1/protection-partner-accounts", new { userName = staff.UserName, partner = "women-shelter" }, Ct)).EnsureSuccessStatusCode();
            return await SignInAsync(app, staff);
        }

        var otherDistrict = app.Demo("dpo2").Unit;
        // An officer the case is granted to, whose grant the revoke operation names.
        var grantee = await NewStaffAsync(app, admin, Roles.ProtectionOfficer, app.Demo("protection").Unit);
        (await officer.PostAsJsonAsync($"/api/v1/protection-cases/{reference}/grants", new { officer = grantee.UserName }, Ct)).EnsureSuccessStatusCode();
        // A chat with the virtual desk, which answers at the desk's centre: nobody holds it yet, so the desk's officer is an insider.
        var chatCode = await Protection.VirtualDeskTests.StartChatAsync(app.CreateClient(), "Generated sweep chat " + marker);
        var chat = await Protection.VirtualDeskTests.ChatIdAsync(app, chatCode);
        return new ProtectionSeeds(
            reference, detail.GetProperty("followUps")[0].GetProperty("id").GetGuid(), (await referral.ReadJsonAsync()).GetProperty("id").GetGuid(),
            officer, await PartnerAsync(app.Demo("dpo").Unit),
            [("protection officer of another district", await SignInAsync(app, await NewStaffAsync(app, admin, Roles.ProtectionOfficer, app.Demo("frontdesk2").Unit)), Roles.ProtectionOfficer),
             ("partner account of another district", await PartnerAsync(otherDistrict), Roles.ProtectionPartner)], chat, grantee.UserName);
    }
}

/// <summary>The protection records of the swept district, its insiders, and outsiders who hold the protection permissions.</summary>
internal sealed record ProtectionSeeds(
    string Case, Guid FollowUp, Guid Referral, HttpClient Officer, HttpClient Partner, IReadOnlyList<(string Name, HttpClient Client, string Role)> Outsiders,
    Guid Chat, string GrantedOfficer)
{
    public const string Routes = "/api/v1/protection";

    /// <summary>The virtual desk's officer routes (ADR-070): a chat of the desk's centre, worked by its officer.</summary>
    public const string ChatRoutes = "/api/v1/virtual-desk/chats/";

    /// <summary>The partner's routes are answered to the partner account; the desk's to its officer.</summary>
    public HttpClient InsiderFor(string path) => path.StartsWith("/api/v1/protection-referrals/", StringComparison.Ordinal) ? Partner : Officer;
}
