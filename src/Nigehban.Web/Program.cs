using Nigehban.Web;
using Nigehban.Web.Platform.Cli;

// One executable, several verbs (serve by default); each module contributes its own (see `help`).
var builder = WebApplication.CreateBuilder(args);
builder.AddNigehban();
return await CommandLine.RunAsync(builder, args, b => b.Build().UseNigehban());

/// <summary>Entry point type, public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
