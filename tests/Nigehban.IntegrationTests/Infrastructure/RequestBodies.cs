using System.Text.Json;

namespace Nigehban.IntegrationTests.Infrastructure;

/// <summary>Variations of a test's request body, for the fields its builder does not take.</summary>
public static class RequestBodies
{
    /// <summary>The body as JSON fields, with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public static Dictionary<string, object?> With(object body, string name, object? value)
    {
        var fields = JsonSerializer.SerializeToElement(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value);
        fields[name] = value;
        return fields;
    }
}
