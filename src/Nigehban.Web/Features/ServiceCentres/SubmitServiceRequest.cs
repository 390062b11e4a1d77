using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record ApplicantInput(string? NationalId, string? Name, string? ParentName, string? Phone, string? Email, string? Address);

/// <param name="Language">The language the citizen uses (a code of the pack's languages); their messages are written in it.</param>
public sealed record SubmitServiceRequestCommand(string? ServiceCode, string? Unit, ApplicantInput? Applicant, JsonElement? Details, string? Channel, string? Language = null);

/// <summary>A submission that passed every check, ready to be stored.</summary>
public sealed record ValidSubmission(ServiceDefinition Service, UnitInfo Unit, Applicant Applicant, ServiceChannel Channel, string Language, string? Details);

/// <summary>The answer to a submission; <see cref="Replayed"/> (not sent in the body) says it is the first request's answer again.</summary>
public sealed record SubmittedServiceRequest(string Reference, ServiceRequestStatus Status, DateTimeOffset DueAt, [property: JsonIgnore] bool Replayed = false);

/// <summary>
/// Takes an application online (a citizen, no account) or at a counter (front desk). Validates
/// against the force's rules, stores it with its reference and deadline, and queues the citizen's
/// SMS — one transaction, audited. A replayed Idempotency-Key returns the first request; the same
/// key with a different request is refused (422), told apart by a hash of the canonical request.
/// Concurrent submissions share their transaction through <see cref="GroupCommit"/> (ADR-014).
/// </summary>
public sealed class SubmitServiceRequestHandler(
    NigehbanDbContext db,
    ServiceCatalogue catalogue,
    UnitDirectory units,
    ForcePack force,
    CurrentUser user,
    JurisdictionScope scope,
    ServiceRequestClock clock,
    ServiceRequestNotifications notifications,
    GroupCommit groupCommit,
    IEnumerable<IRecordCopies> recordCopies)
{
    private const int MaxDetailsLength = 8000;

    public async Task<SubmittedServiceRequest> HandleAsync(SubmitServiceRequestCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey);
        var (service, unit, applicant, channel, language, details) = Validate(command);
        await CheckRecordNamedAsync(service, unit, applicant, details, cancellationToken);
        var requestHash = idempotencyKey is null ? null : CanonicalHash(service.Code, unit.Code, channel, applicant, details, language);
        var now = clock.Now;
        var id = Guid.CreateVersion7();
        var reference = await clock.NextReferenceAsync(unit, cancellationToken);
        var dueAt = clock.DueAt(now, service.Sla);
        // Read from the request now: the stage may run on the group writer's thread, outside the request.
        var actor = AuditActor.Of(user);
        var submittedBy = user.UserName ?? ServiceRequest.OnlineCitizen;

        // Builds the application afresh each time: it may be staged in a group that fails and then again alone.
        void Stage(NigehbanDbContext into)
        {
            var request = new ServiceRequest
            {
                Id = id,
                Reference = reference,
                ServiceCode = service.Code,
                UnitCode = unit.Code,
                UnitPath = unit.Path,
                Channel = channel,
                Applicant = applicant.Copy(),
                ApplicantLanguage = language,
                DetailsJson = details,
                SubmittedAt = now,
                DueAt = dueAt,
                FeeAmount = service.Fee,
                FeeCurrency = catalogue.Currency,
                IdempotencyKey = idempotencyKey,
                IdempotencyRequestHash = requestHash,
            };
            request.RecordSubmission(submittedBy);
            into.Add(request);
            notifications.Submitted(request, service, into);
        }

        var submitted = new SubmittedServiceRequest(reference, ServiceRequestStatus.Submitted, dueAt);
        if (await groupCommit.TryWriteAsync(actor, Stage))
        {
            return submitted;
        }

        // Not written with a group (one of its members was refused, or group commit is not running):
        // saved alone, as before ADR-014. Insert first, look for the first request only when the
        // key's unique index refuses this one: a replay is rare, so checking before every insert
        // would cost every submission a round trip. The refused transaction rolls back whole
        // (application, timeline, outbox SMS, rollups, audit), so a replay writes nothing; it may
        // leave a gap in the reference sequence.
        Stage(db);
        return await db.SaveOrFindFirstAsync<ServiceRequest, SubmittedServiceRequest>(idempotencyKey,
                () => FindReplayAsync(idempotencyKey!, requestHash!, service.Code, applicant.NationalId, cancellationToken),
                cancellationToken, nameof(ServiceRequest.IdempotencyKey))
            ?? submitted;
    }

    /// <summary>
    /// Checks a submission against the force's rules without storing anything. Every bad field is
    /// named in the one refusal, so a form can show all of them at once.
    /// </summary>
    public ValidSubmission Validate(SubmitServiceRequestCommand command)
    {
        var errors = new ValidationErrors();
        var service = errors.Check(() => catalogue.Find(command.ServiceCode)
            ?? throw new ValidationFailedException("serviceCode", string.IsNullOrWhiteSpace(command.ServiceCode) ? ServiceCentreErrors.Text("Service.Required") : ServiceCentreErrors.Text("Service.Unknown", command.ServiceCode)));
        var unit = errors.Check(() => ValidateUnit(command.Unit));
        var applicant = errors.Check(() => ValidateApplicant(command.Applicant));
        var channel = service is null ? default : errors.Check(() => ValidateChannel(command.Channel, service));
        var language = errors.Check(() => ValidateLanguage(command.Language));
        var details = command.Details is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } d ? d.GetRawText() : null;
        if (details is { Length: > MaxDetailsLength })
        {
            errors.Add("details", ServiceCentreErrors.Text("Details.TooLong", MaxDetailsLength));
        }

        errors.ThrowIfAny();
        return new ValidSubmission(service!, unit!, applicant!, channel, language!, details);
    }

    /// <summary>
    /// A copy of another module's record (an FIR copy) goes only to a party of a record kept in the
    /// centre's area: the applicant names it in the details, and the owning module says whether it is theirs.
    /// </summary>
    private async Task CheckRecordNamedAsync(ServiceDefinition service, UnitInfo unit, Applicant applicant, string? details, CancellationToken cancellationToken)
    {
        if (recordCopies.FirstOrDefault(c => c.Output == service.Output) is not { } source)
        {
            return;
        }

        const string field = "details." + IRecordCopies.DetailName;
        var label = source.RecordLabel(CultureInfo.CurrentUICulture.Name);
        var named = RecordCopyDetails.Named(details);
        if (string.IsNullOrWhiteSpace(named))
        {
            throw new ValidationFailedException(field, ServiceCentreErrors.Text("Record.Required", label));
        }

        var area = units.AncestorOfKind(unit.Code, force.ReferenceUnitKind) ?? unit;
        if (await source.FindForApplicantAsync(named, area.Path, applicant.NationalId, applicant.Phone, cancellationToken) is null)
        {
            throw new ValidationFailedException(field, ServiceCentreErrors.Text("Record.NoMatch", label));
        }
    }

    private async Task<SubmittedServiceRequest?> FindReplayAsync(string key, string requestHash, string serviceCode, string nationalId, CancellationToken cancellationToken)
    {
        var first = await db.Set<ServiceRequest>()
            .IgnoreQueryFilters() // the key is the client's own secret; it finds only what that client created
            .AsNoTracking()
            .Where(r => r.IdempotencyKey == key)
            .Select(r => new { r.Reference, r.ServiceCode, r.Applicant.NationalId, r.DueAt, r.IdempotencyRequestHash })
            .FirstOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }

        // Applications stored before the hash existed are compared by service and applicant, as they were then.
        var same = first.IdempotencyRequestHash is { } stored
            ? stored == requestHash
            : first.ServiceCode == serviceCode && first.NationalId == nationalId;
        if (!same)
        {
            throw IdempotentRequest.Reused();
        }

        // The first response, as it was: a replay must not reveal later progress to a key holder.
        return new SubmittedServiceRequest(first.Reference, ServiceRequestStatus.Submitted, first.DueAt, Replayed: true);
    }

    /// <summary>
    /// What makes two submissions the same request: every validated field after normalisation (a
    /// national ID typed with or without dashes is one ID), the details as compact JSON, the language.
    /// </summary>
    internal static string CanonicalHash(string serviceCode, string unitCode, ServiceChannel channel, Applicant applicant, string? details, string language) =>
        IdempotentRequest.Hash(
            serviceCode, unitCode, channel.ToString(), applicant.NationalId, applicant.Name, applicant.ParentName,
            applicant.Phone, applicant.Email, applicant.Address, details is null ? null : Compact(details), language);

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }

    private UnitInfo ValidateUnit(string? code)
    {
        var unit = units.Find(code);
        if (unit is null || (unit.Kind != force.ReferenceUnitKind && unit.Kind != force.StationUnitKind))
        {
            throw new ValidationFailedException("unit", string.IsNullOrWhiteSpace(code)
                ? ServiceCentreErrors.Text("Unit.Required")
                : ServiceCentreErrors.Text("Unit.NotACentre", code));
        }

        // Staff take applications only for centres within their jurisdiction.
        if (user.IsAuthenticated && !scope.Covers(unit))
        {
            throw new ValidationFailedException("unit", ServiceCentreErrors.Text("Unit.OutsideJurisdiction", code));
        }

        return unit;
    }

    private Applicant ValidateApplicant(ApplicantInput? input)
    {
        if (input is null)
        {
            throw new ValidationFailedException("applicant", ServiceCentreErrors.Text("Applicant.Required"));
        }

        // Each field is checked on its own, so that every bad one is named at once.
        var errors = new ValidationErrors();
        var nationalId = errors.Check(() => force.NationalId.Normalise(input.NationalId)
            ?? throw new ValidationFailedException("applicant.nationalId",
                ServiceCentreErrors.Text("Applicant.NationalId", force.NationalId.LocalName, force.NationalId.Example)));
        var name = errors.Check(() => TextFields.Required(input.Name, "applicant.name", 120));
        // Only what this force asks for is kept; what it requires must be there.
        var parentName = errors.Check(() => Asked(ApplicantField.ParentName, input.ParentName, 120));
        var phone = errors.Check(() => Asked(ApplicantField.Phone, input.Phone, 20) is { } given && TextFields.NormalisePhone(given) is null
            ? throw new ValidationFailedException("applicant.phone", ServiceCentreErrors.Text("Applicant.Phone"))
            : Asked(ApplicantField.Phone, input.Phone, 20));
        var email = errors.Check(() => Asked(ApplicantField.Email, input.Email, 200) is { } given && !MailAddress.TryCreate(given, out _)
            ? throw new ValidationFailedException("applicant.email", ServiceCentreErrors.Text("Applicant.Email"))
            : Asked(ApplicantField.Email, input.Email, 200));
        var address = errors.Check(() => Asked(ApplicantField.Address, input.Address, 400));
        errors.ThrowIfAny();

        return new Applicant
        {
            NationalId = nationalId!,
            Name = name!,
            ParentName = parentName,
            Phone = phone,
            Email = email,
            Address = address,
        };
    }

    private string? Asked(string field, string? value, int max)
    {
        var asked = catalogue.Asks(field);
        if (asked is null)
        {
            return null;
        }

        return asked.Required ? TextFields.Required(value, $"applicant.{field}", max) : TextFields.Optional(value, $"applicant.{field}", max);
    }

    /// <summary>The language the citizen applied in, so that their messages come back in it; the force's default when not given.</summary>
    private string ValidateLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return force.DefaultLanguage;
        }

        return force.FindLanguage(language.Trim())?.Code
            ?? throw new ValidationFailedException("language", ServiceCentreErrors.Text("Language.NotOffered", language, string.Join(", ", force.Languages.Select(l => l.Code))));
    }

    private ServiceChannel ValidateChannel(string? channel, ServiceDefinition service)
    {
        var value = string.IsNullOrWhiteSpace(channel) ? (user.IsAuthenticated ? "counter" : "online") : channel.Trim().ToLowerInvariant();
        if (!service.Channels.Contains(value))
        {
            throw new ValidationFailedException("channel", ServiceCentreErrors.Text("Channel.NotOffered", service.Code, string.Join(", ", service.Channels)));
        }

        // Only staff sit at a counter or an embassy desk.
        if (value != "online" && !user.HasPermission(Permissions.ServiceRequestsCreate))
        {
            throw new ValidationFailedException("channel", ServiceCentreErrors.Text("Channel.StaffOnly"));
        }

        return Enum.Parse<ServiceChannel>(value, ignoreCase: true);
    }
}
