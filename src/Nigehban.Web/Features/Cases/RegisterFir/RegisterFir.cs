using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.FrontDesk;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;
using static Nigehban.Web.Platform.Api.TextFields;

namespace Nigehban.Web.Features.Cases.RegisterFir;

/// <summary>
/// Registers an FIR at a station, directly or from a front-desk complaint (which is then disposed as
/// "FIR registered" in the same transaction and lends the FIR its reference). The FIR number is the
/// station's next of the year from a counter bumped inside the FIR's own transaction, so a failed
/// registration gives its number back and concurrent ones queue on the counter row: no gaps, no
/// duplicates (ADR-047). The complainant's SMS goes to the outbox in the same save.
/// </summary>
public sealed class RegisterFirHandler(
    NigehbanDbContext db,
    CasesPack pack,
    ForcePack force,
    UnitDirectory units,
    CurrentUser user,
    TimeProvider clock,
    AllocateReferenceNumber references,
    ComplaintsForFir complaints,
    FirNotifications notifications,
    DocumentSigner signer,
    CaseWork work,
    JurisdictionScope scope,
    GroupCommit groupCommit)
{
    /// <summary>Clocks of phones and desks drift: an occurrence a few minutes "ahead" is still now.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public async Task<RegisteredFir> HandleAsync(RegisterFirCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey);
        var now = clock.GetUtcNow().ToMicroseconds();
        ComplaintForFir? complaint = null;
        if (!string.IsNullOrWhiteSpace(command.ComplaintReference))
        {
            complaint = await complaints.TakeAsync(command.ComplaintReference.Trim(), "complaintReference", cancellationToken);
        }

        var unit = Station(command.Unit ?? complaint?.UnitCode);
        var offences = FirInputRules.Offences(pack, command.Offences);
        var occurredAt = command.OccurredAt ?? complaint?.IncidentAt ?? throw new ValidationFailedException("occurredAt", ApiErrors.Text("Field.Required", "occurredAt"));
        if (occurredAt > now + ClockTolerance)
        {
            throw new ValidationFailedException("occurredAt", CasesErrors.Text("OccurredAt.Future"));
        }

        if (occurredAt.Year < 1900)
        {
            throw new ValidationFailedException("occurredAt", CasesErrors.Text("OccurredAt.Implausible"));
        }

        var (place, latitude, longitude) = FirInputRules.Place(command.Place, complaint?.LocationText, complaint?.Latitude, complaint?.Longitude);
        var narrative = Optional(command.Narrative, "narrative", 8000) ?? complaint?.Description
            ?? throw new ValidationFailedException("narrative", ApiErrors.Text("Field.Required", "narrative"));
        var parties = FirInputRules.Parties(force, command.Parties, complaint is null ? null : new FirParty
        {
            Id = Guid.CreateVersion7(),
            Role = PartyRole.Complainant,
            Name = complaint.ComplainantName,
            Phone = complaint.ComplainantPhone,
            NationalId = complaint.ComplainantNationalId,
        });
        var language = Language(command.Language ?? complaint?.Language);
        var officer = await work.OfficerAtStationAsync(command.InvestigatingOfficer, unit.Code, "investigatingOfficer", cancellationToken);
        var head = pack.PrincipalHead(offences);

        var requestHash = idempotencyKey is null ? null : Hash(unit.Code, complaint?.Reference, offences.Select(o => o.Code), occurredAt.UtcTicks, place, latitude, longitude,
            narrative, parties.Select(p => new { p.Role, p.Name, p.IsUnknown, p.Description, p.Gender, p.Age, p.Phone, p.NationalId, p.Address }), officer.UserName, language);
        // A direct registration inserts first and looks for the first request only when the key's
        // unique index refuses it (a replay is rare; a look-up before every insert is a round trip each).
        if (idempotencyKey is not null && complaint is not null && await FindReplayAsync(idempotencyKey, requestHash!, cancellationToken) is { } replay)
        {
            return replay;
        }

        // A reference of its own only without a complaint; taken outside the transaction (references may have gaps, FIR numbers may not).
        var reference = complaint?.Reference ?? (await references.NextFromBlockAsync(pack.ReferencePrefix, unit.Code, cancellationToken)).ToString();
        var year = TimeZoneInfo.ConvertTime(now, force.TimeZone).Year;
        var fir = new Fir
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            ComplaintReference = complaint?.Reference,
            Year = year,
            UnitCode = unit.Code,
            UnitPath = unit.Path,
            CrimeHead = head.Code,
            OccurredAt = occurredAt,
            Place = place,
            Latitude = latitude,
            Longitude = longitude,
            Narrative = narrative,
            Language = language,
            RegisteredAt = now,
            RegisteredBy = user.UserName ?? "system",
            InvestigatingOfficerUserName = officer.UserName,
            InvestigatingOfficerName = officer.DisplayName,
            IdempotencyKey = idempotencyKey,
            IdempotencyRequestHash = requestHash,
            CopyCode = VerificationCode.New(),
            CopySignature = "",
            Offences = [.. offences.Select((o, i) => new FirOffence { Id = Guid.CreateVersion7(), Position = i, Code = o.Code, CrimeHead = o.Head.Code })],
            Parties = parties,
        };
        fir.Enter(FirStatus.UnderInvestigation, now, work.StageDueAt(FirStatus.UnderInvestigation, now));

        // A direct registration shares its transaction with concurrent ones (ADR-057): the group bumps
        // each station's counter in its transaction, so the number stays gapless, and the station's
        // counter row is held for one group's commit instead of each FIR's whole save in turn.
        if (complaint is null)
        {
            var step = new NumberedStep(unit.Code, NextNumberSql, [unit.Code, year], number => fir.Number = number);
            if (await groupCommit.TryWriteAsync(Platform.Audit.AuditActor.Of(user), step, groupDb =>
            {
                fir.CopySignature = signer.Sign(fir.CopySignedFields());
                groupDb.Add(fir);
                notifications.Registered(groupDb, fir, offences);
            }))
            {
                return Answer(fir);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            fir.Number = await NextNumberAsync(unit.Code, year, cancellationToken);
            fir.CopySignature = signer.Sign(fir.CopySignedFields());
            db.Add(fir);
            if (complaint is not null)
            {
                complaints.RecordFir(complaint.Reference, fir.FirNumber, unit.Code, fir.RegisteredBy, now);
            }

            notifications.Registered(db, fir, offences);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (IdempotentSave.IsKeyRefusal<Fir>(db, e, idempotencyKey, nameof(Fir.IdempotencyKey)))
        {
            // Two requests with one key at once: the other won, and this one's number went back with the rollback.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return await FindReplayAsync(idempotencyKey!, requestHash!, cancellationToken) ?? throw new InvalidOperationException("Idempotent insert failed without a winner.");
        }

        db.Audit.Committed();
        return Answer(fir);
    }

    private static RegisteredFir Answer(Fir fir, bool replayed = false) =>
        new(fir.Reference, fir.FirNumber, fir.UnitCode, fir.CrimeHead, [.. fir.Offences.OrderBy(o => o.Position).Select(o => o.Code)],
            fir.InvestigatingOfficerUserName, fir.RegisteredAt, fir.ComplaintReference, replayed);

    /// <summary>The station-year counter bumped by one atomic upsert; its row stays locked until the FIR's transaction ends.</summary>
    private async Task<int> NextNumberAsync(string unitCode, int year, CancellationToken cancellationToken)
    {
        var values = await db.Database.SqlQueryRaw<int>(NextNumberSql, unitCode, year).ToListAsync(cancellationToken);
        return values.Single();
    }

    private const string NextNumberSql = """
        INSERT INTO fir_counters ("UnitCode", "Year", "NextValue")
        VALUES ({0}, {1}, 2)
        ON CONFLICT ("UnitCode", "Year")
        DO UPDATE SET "NextValue" = fir_counters."NextValue" + 1
        RETURNING "NextValue" - 1 AS "Value"
        """;

    private UnitInfo Station(string? code)
    {
        var unit = units.Find(code?.Trim());
        if (unit is null || unit.Kind != force.StationUnitKind)
        {
            throw new ValidationFailedException("unit", string.IsNullOrWhiteSpace(code)
                ? CasesErrors.Text("Unit.Required", force.StationUnitKind)
                : CasesErrors.Text("Unit.NotAStation", code, force.StationUnitKind));
        }

        // Outside the officer's jurisdiction the station does not exist for them.
        if (!scope.Covers(unit))
        {
            throw new NotFoundException("unit", CasesErrors.Text("Unit.OutsideJurisdiction", code));
        }

        return unit;
    }

    private string Language(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return force.DefaultLanguage;
        }

        return force.FindLanguage(language.Trim())?.Code
            ?? throw new ValidationFailedException("language", CasesErrors.Text("Language.Unknown", language, string.Join(", ", force.Languages.Select(l => l.Code))));
    }

    private async Task<RegisteredFir?> FindReplayAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var first = await db.Set<Fir>()
            .IgnoreQueryFilters() // the key is the client's own secret; it finds only what that client created
            .AsNoTracking()
            .Include(f => f.Offences)
            .FirstOrDefaultAsync(f => f.IdempotencyKey == key, cancellationToken);
        return first is null ? null : IdempotentRequest.Replay(first.IdempotencyRequestHash, requestHash, () => Answer(first, replayed: true));
    }

    /// <summary>The validated request as JSON, hashed: the same request hashes alike, any change does not.</summary>
    private static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parts))));
}
