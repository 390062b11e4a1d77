using Nigehban.Web;
using Nigehban.Web.Platform.Cli;

// One executable, several verbs: serve (default), migrate, seed --demo, audit verify, force validate <folder>.
var (verb, hostArgs) = CommandLine.Split(args);
if (verb.IsStandalone)
{
    return await CommandLine.RunStandaloneAsync(verb);
}

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddNigehban();

var app = builder.Build();
app.UseNigehban();

return await CommandLine.RunAsync(app, verb);

/// <summary>Entry point type, public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
