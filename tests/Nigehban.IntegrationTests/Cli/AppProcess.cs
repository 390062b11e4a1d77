using System.Diagnostics;
using System.Text;
using Nigehban.IntegrationTests.Infrastructure;

namespace Nigehban.IntegrationTests.Cli;

/// <summary>The output and exit code of one run of the built app.</summary>
public sealed record AppRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the built app (Nigehban.Web.dll, copied beside the test assembly with its migration
/// assemblies and force packs) as a separate process, the way an operator runs it: in a working
/// directory of the test's choosing, configured only through arguments and environment variables.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private static readonly string[] InheritedSettings = ["Database__", "Storage__", "Demo__", "Force", "RateLimiting__", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "Urls"];

    public AppProcess()
    {
        WorkingDirectory = Path.Combine(Path.GetTempPath(), "nigehban-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkingDirectory);
    }

    public string WorkingDirectory { get; }

    public Dictionary<string, string> Environment { get; } = new()
    {
        ["Logging__LogLevel__Default"] = "Warning",
        // Without a year of demo history (ADR-038): the verbs' tests arrange and count their own rows.
        ["Demo__History"] = "false",
    };

    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "Nigehban.Web.dll");

    public string DataPath(params string[] parts) => Path.Combine([WorkingDirectory, "data", .. parts]);

    public async Task<AppRun> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new AppRun(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the server and waits until a line of its output satisfies <paramref name="until"/>
    /// (or it exits), then stops it. Returns everything it printed.
    /// </summary>
    public async Task<string> RunServerUntilAsync(Func<string, bool> until, params string[] arguments)
    {
        using var process = Start(arguments);
        var printed = new StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (printed)
            {
                printed.AppendLine(e.Data);
            }

            if (until(e.Data))
            {
                seen.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.WhenAny(seen.Task, process.WaitForExitAsync(TestContext.Current.CancellationToken), Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        lock (printed)
        {
            return printed.ToString();
        }
    }

    private Process Start(string[] arguments)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the test sets reaches the app: nothing from the test runner's own environment.
        foreach (var key in start.Environment.Keys.Where(k => InheritedSettings.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDirectory.DeleteQuietly(WorkingDirectory);
    }
}
