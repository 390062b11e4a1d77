namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>The same real app and browser on the Rwanda pack (English, Kinyarwanda, French), for the tests that walk it.</summary>
public sealed class RwandaBrowserApp : BrowserApp
{
    protected override string Force => "rwanda";
}
