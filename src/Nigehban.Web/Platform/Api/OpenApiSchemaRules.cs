using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Schema rules applied to every schema in the finished document (components, parameters,
/// bodies and answers), so that a generated client gets the types the API really speaks.
/// </summary>
public static class OpenApiSchemaRules
{
    public static void Apply(OpenApiDocument document)
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            EnumComponentsExcludeNull(schema);
            if (schema is OpenApiSchema concrete)
            {
                RequiredMeansNotNull(name, concrete);
            }
            Visit(schema, seen);
        }

        foreach (var (_, pathItem) in document.Paths)
        {
            foreach (var operation in pathItem.Operations?.Values.AsEnumerable() ?? [])
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    Visit(parameter.Schema, seen);
                }
                foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                {
                    Visit(media.Schema, seen);
                }
                foreach (var media in (operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(response => response.Content?.Values ?? []))
                {
                    Visit(media.Schema, seen);
                }
            }
        }
    }

    /// <summary>
    /// <c>[Required]</c> properties, by component and JSON name: validation refuses them when null
    /// (400), so the document makes them required and not nullable, even where the C# type is
    /// nullable so that validation can see the value missing. The generator turns nullable
    /// properties into <c>oneOf: [null, $ref]</c> after schema transformers run, hence the record.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Component, string Property), bool> RequiredProperties = new();

    public static Task RecordRequiredProperties(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) is true)
            {
                RequiredProperties.TryAdd((context.JsonTypeInfo.Type.Name, property.Name), true);
            }
        }
        return Task.CompletedTask;
    }

    private static void RequiredMeansNotNull(string component, OpenApiSchema schema)
    {
        foreach (var (name, propertySchema) in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).ToList())
        {
            if (!RequiredProperties.ContainsKey((component, name)))
            {
                continue;
            }

            if (propertySchema is OpenApiSchema { OneOf: [{ Type: JsonSchemaType.Null }, var only] })
            {
                schema.Properties![name] = only;
            }
            else if (propertySchema is OpenApiSchema { Type: { } type } plain && type != JsonSchemaType.Null)
            {
                plain.Type = type & ~JsonSchemaType.Null;
            }
            schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
            schema.Required.Add(name);
        }
    }

    /// <summary>
    /// The generator writes a null into a shared enum's values when one use of it is nullable;
    /// nullability belongs to that use (<c>oneOf: [null, $ref]</c>), not to every use of the enum.
    /// </summary>
    private static void EnumComponentsExcludeNull(IOpenApiSchema candidate)
    {
        if (candidate is OpenApiSchema { Enum: { } values } schema && values.Any(value => value is null))
        {
            schema.Enum = [.. values.Where(value => value is not null)];
            if (schema.Type is { } type)
            {
                schema.Type = type & ~JsonSchemaType.Null;
            }
        }
    }

    private static void Visit(IOpenApiSchema? candidate, HashSet<OpenApiSchema> seen)
    {
        // References are visited through the component they name.
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }

        NumbersAreNumbers(schema);
        EnumsAreTyped(schema);
        NullableMeansOptional(schema);

        foreach (var property in schema.Properties?.Values ?? [])
        {
            Visit(property, seen);
        }
        foreach (var child in (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
        {
            Visit(child, seen);
        }
        Visit(schema.Items, seen);
        Visit(schema.AdditionalProperties, seen);
    }

    /// <summary>
    /// The serializer also reads numbers written as strings, which the generator reports as
    /// <c>["integer","string"]</c> with a pattern; clients should send, and will receive, numbers.
    /// </summary>
    private static void NumbersAreNumbers(OpenApiSchema schema)
    {
        const JsonSchemaType numeric = JsonSchemaType.Integer | JsonSchemaType.Number;
        if (schema.Type is { } type && (type & numeric) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    /// <summary>Enums travel as their names (JsonStringEnumConverter); say so, not just list them.</summary>
    private static void EnumsAreTyped(OpenApiSchema schema)
    {
        if (schema is not { Enum.Count: > 0, Type: null })
        {
            return;
        }

        var values = schema.Enum;
        if (values.All(value => value is null || value.GetValueKind() == JsonValueKind.String))
        {
            schema.Type = values.Any(value => value is null) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
    }

    /// <summary>
    /// A property that may be null may also be left out of a request (the record's default is
    /// null), so it is optional rather than required-and-nullable.
    /// </summary>
    private static void NullableMeansOptional(OpenApiSchema schema)
    {
        if (schema is not { Required.Count: > 0, Properties: { } properties })
        {
            return;
        }

        foreach (var name in schema.Required.ToList())
        {
            if (properties.TryGetValue(name, out var property) && IsNullable(property))
            {
                schema.Required.Remove(name);
            }
        }
    }

    private static bool IsNullable(IOpenApiSchema property) =>
        property.Type is { } type && type.HasFlag(JsonSchemaType.Null)
        || (property.OneOf ?? []).Concat(property.AnyOf ?? []).Any(choice => choice.Type == JsonSchemaType.Null);
}
