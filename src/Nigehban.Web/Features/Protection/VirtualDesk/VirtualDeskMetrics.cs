using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Protection.VirtualDesk;

/// <summary>
/// The virtual desk's figures at the desk's centre: chats started, and the share of answered chats
/// whose first answer came within the pack's target (kept on the chat when it is answered, so a
/// rebuild counts what the write counted).
/// </summary>
public sealed class VirtualDeskMetrics : MetricSource<VirtualDeskChat>
{
    public const string Started = "virtual_desk_chats_started";
    public const string AnsweredOnTarget = "virtual_desk_chats_answered_on_target";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Started, "protection", MetricFormat.Count, "Chats citizens started with the virtual desk.",
            Counting: "Every chat, at the desk's centre, on the local day it was started."),
        new(AnsweredOnTarget, "protection", MetricFormat.Percent, "Share of answered chats whose first answer came within the pack's target.",
            Counting: "Every answered chat, at the desk's centre, on the local day of its first answer; on target when that answer came within virtualDesk.answerWithinMinutes of the start."),
    ];

    protected override void Project(VirtualDeskChat chat, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        facts.Add(new MetricFact(Started, chat.UnitCode, LocalDay(chat.StartedAt, timeZone), "", 1, 0));
        if (chat.FirstAnsweredAt is { } answered)
        {
            facts.Add(new MetricFact(AnsweredOnTarget, chat.UnitCode, LocalDay(answered, timeZone), "", 1, chat.AnsweredWithinTarget == true ? 1 : 0));
        }
    }
}
