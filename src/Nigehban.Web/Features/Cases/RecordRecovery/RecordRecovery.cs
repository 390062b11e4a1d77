using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.RecordRecovery;

/// <param name="Kind">property, weapon, vehicle or narcotics.</param>
/// <param name="Quantity">How much (required for narcotics, with <paramref name="Unit"/>).</param>
/// <param name="Unit">g, kg, ml, l or pieces.</param>
public sealed record RecordRecoveryCommand(string? Kind, string? Description, decimal? Quantity = null, string? Unit = null, DateTimeOffset? RecoveredAt = null);

public sealed record RecoveryView(Guid Id, RecoveryKind Kind, string Description, decimal? Quantity, string? Unit, DateTimeOffset RecoveredAt, string RecordedBy);

/// <summary>Records what was recovered in a case under investigation; narcotics always with a quantity and its unit.</summary>
public sealed class RecordRecoveryHandler(NigehbanDbContext db, CaseWork work)
{
    public static readonly IReadOnlyList<string> QuantityUnits = ["g", "kg", "ml", "l", "pieces"];

    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public async Task<RecoveryView> HandleAsync(string reference, RecordRecoveryCommand command, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        work.EnsureMayWork(fir);
        if (!Enum.TryParse<RecoveryKind>(command.Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || command.Kind!.Trim().All(char.IsDigit))
        {
            throw new ValidationFailedException("kind", CasesErrors.Text("Recovery.Kind"));
        }

        var description = TextFields.Required(command.Description, "description", 1000);
        var unit = command.Unit?.Trim().ToLowerInvariant();
        if (command.Quantity is { } quantity && (quantity <= 0 || quantity > 1_000_000_000))
        {
            throw new ValidationFailedException("quantity", CasesErrors.Text("Recovery.Quantity"));
        }

        if (kind == RecoveryKind.Narcotics && command.Quantity is null)
        {
            throw new ValidationFailedException("quantity", CasesErrors.Text("Recovery.NarcoticsQuantity"));
        }

        if ((command.Quantity is not null || unit is not null) && (unit is null || !QuantityUnits.Contains(unit)))
        {
            throw new ValidationFailedException("unit", CasesErrors.Text("Recovery.Unit", string.Join(", ", QuantityUnits)));
        }

        var now = work.Now;
        var at = command.RecoveredAt?.ToMicroseconds() ?? now;
        if (at > now + ClockTolerance || at < fir.OccurredAt)
        {
            throw new ValidationFailedException("recoveredAt", CasesErrors.Text("Recovery.At"));
        }

        if (fir.Status != FirStatus.UnderInvestigation)
        {
            throw new RuleViolationException(CasesErrors.Text("Fir.NotUnderInvestigation", fir.Status));
        }

        var recovery = new FirRecovery
        {
            Id = Guid.CreateVersion7(),
            FirId = fir.Id,
            UnitCode = fir.UnitCode,
            UnitPath = fir.UnitPath,
            Reference = fir.Reference,
            Kind = kind,
            Description = description,
            Quantity = command.Quantity,
            QuantityUnit = command.Quantity is null ? null : unit,
            RecoveredAt = at,
            RecordedBy = work.Actor,
        };
        db.Add(recovery);
        await db.SaveChangesAsync(cancellationToken);
        return View(recovery);
    }

    public static RecoveryView View(FirRecovery r) => new(r.Id, r.Kind, r.Description, r.Quantity, r.QuantityUnit, r.RecoveredAt, r.RecordedBy);
}
