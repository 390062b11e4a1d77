using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.MoveFirStage;

/// <param name="Stage">underInvestigation, challanSubmitted, untraced, cancelled, convicted or acquitted.</param>
/// <param name="Note">Why (required to cancel an FIR or reopen an untraced one).</param>
public sealed record MoveFirStageCommand(string? Stage, string? Note = null);

public sealed record FirStageView(string Reference, FirStatus Stage, DateTimeOffset StageStartedAt, DateTimeOffset? StageDueAt, bool? ChallanInTime);

/// <summary>
/// Moves an FIR to its next stage: the legal moves are <see cref="FirStages"/>'s, anything else is a
/// 409. The new stage gets the pack's deadline and its clock starts afresh; the move is audited and
/// kept in the case's history.
/// </summary>
public sealed class MoveFirStageHandler(NigehbanDbContext db, CaseWork work)
{
    public async Task<FirStageView> HandleAsync(string reference, MoveFirStageCommand command, CancellationToken cancellationToken)
    {
        var fir = await work.FindForChangeAsync(reference, cancellationToken);
        work.EnsureMayWork(fir);
        if (string.IsNullOrWhiteSpace(command.Stage) || command.Stage.Trim().All(char.IsDigit)
            || !Enum.TryParse<FirStatus>(command.Stage.Trim(), ignoreCase: true, out var stage) || !Enum.IsDefined(stage))
        {
            throw new ValidationFailedException("stage", CasesErrors.Text("Stage.Unknown", string.Join(", ", Enum.GetValues<FirStatus>().Select(s => s.ToString()))));
        }

        var note = TextFields.Optional(command.Note, "note", 1000);
        if (note is null && (stage == FirStatus.Cancelled || (stage == FirStatus.UnderInvestigation && fir.Status == FirStatus.Untraced)))
        {
            throw new ValidationFailedException("note", ApiErrors.Text("Field.Required", "note"));
        }

        var from = fir.Status;
        if (from == stage || !FirStages.MayMove(from, stage))
        {
            throw new RuleViolationException(CasesErrors.Text("Stage.Illegal", from, stage));
        }

        var now = work.Now;
        fir.Enter(stage, now, work.StageDueAt(stage, now));
        work.Event(fir, FirEventKind.StageChanged, $"{from} → {stage}", note);
        db.Audit.Record(new AuditEntry("fir.stage-changed", nameof(Fir), fir.Reference, Details: $"{from} → {stage}", UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        return new FirStageView(fir.Reference, fir.Status, fir.StageStartedAt, fir.StageDueAt, fir.ChallanInTime);
    }
}
