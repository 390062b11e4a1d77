using System.CommandLine;

namespace Nigehban.Web.Platform.Cli;

/// <summary>
/// One verb of the executable (<c>dashboard rebuild</c>), contributed by the module that owns it
/// with <see cref="CliVerbRegistration.AddCliVerb{TVerb}"/> in its <c>AddXxx()</c>. The command line
/// is parsed with System.CommandLine; everything it does not recognise (<c>--urls</c>,
/// <c>--Database:Provider</c>) is left to the host's configuration.
/// </summary>
public abstract class CliVerb
{
    /// <summary>The words that name the verb, e.g. <c>["dashboard", "rebuild"]</c>.</summary>
    public abstract IReadOnlyList<string> Path { get; }

    /// <summary>Its arguments and options as help shows them, e.g. <c>&lt;user&gt;</c>.</summary>
    public virtual string Syntax => "";

    /// <summary>One line for the help.</summary>
    public abstract string Description { get; }

    /// <summary>What must be ready before the verb runs.</summary>
    public virtual VerbNeeds Needs => VerbNeeds.StartedPlatform;

    /// <summary>Whether the start-up steps seed demo data for this verb (<c>seed --demo</c>).</summary>
    public virtual bool SeedsDemoData => false;

    /// <summary>Adds the verb's arguments and options to its command.</summary>
    public virtual void Define(Command command)
    {
    }

    /// <summary>Runs the verb: 0 on success, non-zero with a one-line reason on standard error otherwise.</summary>
    public abstract Task<int> RunAsync(VerbRun run);

    public string Name => string.Join(' ', Path);
}

public enum VerbNeeds
{
    /// <summary>No host, no database, no data folder (<c>force validate</c>, <c>help</c>).</summary>
    Nothing,

    /// <summary>The app's services, nothing started: the verb reads what it needs itself.</summary>
    Services,

    /// <summary>
    /// The app's services after every start-up step the server runs before it listens (migrate,
    /// units loaded, catalogues read…), so a verb sees what the server sees.
    /// </summary>
    StartedPlatform,
}

/// <summary>
/// A verb's run: its parsed arguments, and the services of a scope that acts as the operator on the
/// machine (all units in scope, audited as <see cref="Security.CurrentUser.CommandLineOperator"/>).
/// <see cref="App"/> is the built app, for <c>serve</c>; null for <see cref="VerbNeeds.Nothing"/>.
/// </summary>
public sealed record VerbRun(ParseResult Parse, IServiceProvider Services, WebApplication? App, CancellationToken CancellationToken);

public static class CliVerbRegistration
{
    /// <summary>Adds a verb to the executable's command line.</summary>
    public static IServiceCollection AddCliVerb<TVerb>(this IServiceCollection services) where TVerb : CliVerb, new() =>
        services.AddSingleton<CliVerb>(new TVerb());
}
