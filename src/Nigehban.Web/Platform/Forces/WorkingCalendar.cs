namespace Nigehban.Web.Platform.Forces;

/// <summary>The force's working week and public holidays, used by SLA clocks counted in working days.</summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly Dictionary<DateOnly, string> _holidays;

    public WorkingCalendar(IEnumerable<DayOfWeek> workingDays, IReadOnlyDictionary<DateOnly, string> holidays)
    {
        _workingDays = [.. workingDays];
        _holidays = new Dictionary<DateOnly, string>(holidays);
        if (_workingDays.Count == 0)
        {
            throw new ArgumentException("A working calendar needs at least one working day.", nameof(workingDays));
        }
    }

    public IReadOnlyCollection<DayOfWeek> WorkingDays => _workingDays;

    public IReadOnlyDictionary<DateOnly, string> Holidays => _holidays;

    public bool IsWorkingDay(DateOnly day) => _workingDays.Contains(day.DayOfWeek) && !_holidays.ContainsKey(day);
}
