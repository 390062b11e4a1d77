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

/// <summary>Samples the process's resident set (VmRSS in /proc/self/status) every 100 ms and keeps the largest.</summary>
public sealed class ResidentMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private double _max;

    public ResidentMemorySampler()
    {
        _timer = new Timer(_ => _max = Math.Max(_max, CurrentMegabytes()), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public double MaxMegabytes => Math.Max(_max, CurrentMegabytes());

    public static double CurrentMegabytes()
    {
        if (!File.Exists("/proc/self/status"))
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64 / (1024.0 * 1024.0);
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? 0 : double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
    }

    public void Dispose() => _timer.Dispose();
}
