using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Nigehban.Bench.Data;
using Nigehban.Bench.Load;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using OtpNet;

namespace Nigehban.Bench.Scenarios;

/// <summary>The ceiling: the same summary as one GROUP BY over the raw rows.</summary>
public sealed partial class DashboardScenario
{
    /// <summary>
    /// The ceiling: the same numbers straight from the raw table, one scan with conditional sums
    /// grouped by station, then summed into the unit and its direct children in memory (as the
    /// API sums its rollup rows). No index serves three different instant columns at once, which
    /// is the reason the rollups exist.
    /// </summary>
    private static async Task<IResult> RawSummaryAsync(string unit, DateOnly from, DateOnly to, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var units = services.GetRequiredService<UnitDirectory>();
        var force = services.GetRequiredService<ForcePack>();
        var target = units.Find(unit);
        if (target is null)
        {
            return Results.NotFound();
        }

        var deadlines = new DeadlineCalculator(force);
        var start = deadlines.StartOfLocalDay(from);
        var end = deadlines.StartOfLocalDay(to.AddDays(1));
        var db = services.GetRequiredService<NigehbanDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var postgres = connection is Npgsql.NpgsqlConnection;
        var minutes = postgres
            ? """floor(extract(epoch from ("ClosedAt" - "SubmittedAt")) / 60)::bigint"""
            : """("ClosedAt" - "SubmittedAt") / 600000000""";
        var hit = postgres ? "\"RecordCheckHit\" = true" : "\"RecordCheckHit\" = 1";
        // SQLite's planner would take the (UnitPath, Status, SubmittedAt) index and fetch each row
        // by rowid: 16 s instead of 0.9 s for a million rows. The ceiling gets its best plan.
        var table = postgres ? "service_requests" : "service_requests NOT INDEXED";
        var sql = $"""
            SELECT "UnitCode",
              SUM(CASE WHEN "SubmittedAt" >= @start THEN 1 ELSE 0 END),
              SUM(CASE WHEN "Status" = 'Issued' AND "ClosedAt" >= @start AND "ClosedAt" < @end THEN 1 ELSE 0 END),
              SUM(CASE WHEN "Status" = 'Issued' AND "ClosedAt" >= @start AND "ClosedAt" < @end AND "ClosedAt" <= "DueAt" THEN 1 ELSE 0 END),
              SUM(CASE WHEN "Status" = 'Issued' AND "ClosedAt" >= @start AND "ClosedAt" < @end THEN {minutes} ELSE 0 END),
              SUM(CASE WHEN "Status" = 'Rejected' AND "ClosedAt" >= @start AND "ClosedAt" < @end THEN 1 ELSE 0 END),
              SUM(CASE WHEN "BreachedAt" >= @start AND "BreachedAt" < @end THEN 1 ELSE 0 END),
              SUM(CASE WHEN "SubmittedAt" >= @start AND {hit} THEN 1 ELSE 0 END)
            FROM {table}
            WHERE "SubmittedAt" < @end AND "UnitPath" LIKE @path
            GROUP BY "UnitCode"
            """;

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        AddParameter(command, "@start", postgres ? start : start.UtcTicks);
        AddParameter(command, "@end", postgres ? end : end.UtcTicks);
        AddParameter(command, "@path", target.Path + "%");

        var children = units.ChildrenOf(target.Code);
        var totals = new long[7];
        var byChild = new Dictionary<string, long[]>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var station = units.Find(reader.GetString(0));
                var child = station is null ? null : children.FirstOrDefault(c => station.Path.StartsWith(c.Path, StringComparison.Ordinal));
                var sums = child is null ? null : byChild.TryGetValue(child.Code, out var s) ? s : byChild[child.Code] = new long[7];
                for (var i = 0; i < 7; i++)
                {
                    var value = reader.IsDBNull(i + 1) ? 0 : Convert.ToInt64(reader.GetValue(i + 1), CultureInfo.InvariantCulture);
                    totals[i] += value;
                    if (sums is not null)
                    {
                        sums[i] += value;
                    }
                }
            }
        }

        return Results.Json(new
        {
            unit = target.Code,
            metrics = Metrics(totals),
            children = byChild.Select(c => new { unit = c.Key, metrics = Metrics(c.Value) }),
        });
    }

    private static Dictionary<string, double?> Metrics(long[] s) => new(StringComparer.Ordinal)
    {
        ["service_requests_received"] = s[0],
        ["service_requests_delivered"] = s[1],
        ["service_deadline_kept_percent"] = s[1] == 0 ? null : 100.0 * s[2] / s[1],
        ["service_turnaround_minutes"] = s[1] == 0 ? null : (double)s[3] / s[1],
        ["service_requests_rejected"] = s[4],
        ["service_requests_overdue"] = s[5],
        ["watchlist_hits"] = s[6],
    };

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
