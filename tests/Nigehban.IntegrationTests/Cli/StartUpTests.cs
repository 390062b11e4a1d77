using System.Net;
using System.Net.Sockets;
using Shouldly;

namespace Nigehban.IntegrationTests.Cli;

/// <summary>How the real process starts (ADR-039): a taken port is one line and an exit code before anything is created.</summary>
public sealed class StartUpTests : IDisposable
{
    private readonly AppProcess _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Serve_OnAPortAnotherProgramHolds_SaysSoInOneLine_AndCreatesNothing()
    {
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";
            var run = await _app.RunAsync("--urls", url);

            run.ExitCode.ShouldBe(6, run.ToString());
            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.ShouldHaveSingleItem(run.ToString()).ShouldStartWith($"cannot start: {url} is in use");
            Directory.Exists(_app.DataPath()).ShouldBeFalse("no data folder, no database");
        }
        finally
        {
            holder.Stop();
        }
    }
}
