using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Makes <c>/openapi/v1.json</c> say what the API really does, for every endpoint at once and from
/// its own metadata (authorization, rate limiting, declared results), so endpoint files need not
/// describe themselves twice (ADR-033). Schema-level rules live in <see cref="OpenApiSchemaRules"/>.
/// </summary>
public static partial class OpenApiDocumentRules
{
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemContentType = "application/problem+json";

    private const string Introduction = """
        Nigehban is an open platform for IT-based policing: citizen services and service centres,
        staff and units, dashboards and a sealed audit trail, for any force that writes a force pack.

        **Getting a token.** Staff exchange their user name, password and the current one-time code
        from their authenticator app for a bearer token:

            POST /api/v1/auth/token
            {"userName": "...", "password": "...", "otp": "123456"}

        and send it on every call as `Authorization: Bearer <accessToken>`. The token ends at
        `expiresAt`, after a period without use, or with `DELETE /api/v1/auth/token`.
        Operations marked with the lock need it; the others are open to citizens (and rate-limited).
        A caller that is not a person (a hotel's software, say) sends the key it was issued in the
        header its operations name instead.

        **Errors** are `application/problem+json` (RFC 9457) naming the field at fault, with a
        `traceId` to quote to support. Lists page with `page` and `pageSize` (20 by default, 100 at most).
        """;

    private static readonly Dictionary<int, string> ErrorMeanings = new()
    {
        [400] = "Invalid input; `errors` names each field at fault.",
        [401] = "No valid bearer token (for sign-in: the credentials were refused).",
        [403] = "The signed-in user lacks the permission this operation needs.",
        [404] = "Not found, or outside the caller's jurisdiction.",
        [409] = "The request conflicts with the resource's current state or a business rule.",
        [413] = "The request body is larger than this operation accepts.",
        [415] = "The request body is not in a content type this operation reads.",
        [422] = "The request is well-formed but a business rule refuses it.",
        [429] = "Too many requests from this address; retry after the Retry-After header's seconds.",
        [503] = "The service is temporarily unavailable; retry later.",
    };

    public static IServiceCollection AddNigehbanOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddSchemaTransformer(OpenApiSchemaRules.RecordRequiredProperties)
            .AddDocumentTransformer(ApplyAsync));

    private static async Task ApplyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Nigehban API";
        document.Info.Description = Introduction;
        foreach (var server in document.Servers ?? [])
        {
            // "http://host/" + "/api/v1/..." would double the slash in every generated client.
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token from POST /api/v1/auth/token (user name, password and one-time code).",
        };
        var keySchemes = context.ApplicationServices.GetServices<ApiKeyScheme>().ToList();
        foreach (var key in keySchemes)
        {
            document.Components.SecuritySchemes[key.AuthenticationScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = key.HeaderName,
                Description = key.Description,
            };
        }

        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();

        var metadataByOperation = context.DescriptionGroups
            .SelectMany(group => group.Items)
            .Select(description => description.ActionDescriptor.EndpointMetadata)
            .Select(metadata => (Name: metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName, Metadata: metadata))
            .Where(entry => entry.Name is not null)
            .GroupBy(entry => entry.Name!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Metadata, StringComparer.Ordinal);

        foreach (var (_, pathItem) in document.Paths)
        {
            foreach (var (method, operation) in pathItem.Operations ?? [])
            {
                var metadata = operation.OperationId is { } id && metadataByOperation.TryGetValue(id, out var found) ? found : [];
                operation.Summary ??= operation.OperationId is { } name ? Humanise(name) : null;
                CamelCaseQueryParameters(operation);
                await DescribeSecurityAsync(operation, metadata, document, policies, keySchemes);
                DescribeErrors(operation, method, metadata, document);
                await DescribeAlternativeAnswersAsync(operation, metadata, document, context, cancellationToken);
            }
        }

        OpenApiSchemaRules.Apply(document);
    }

    /// <summary>Query binding is case-insensitive; the document spells parameters as the JSON does.</summary>
    private static void CamelCaseQueryParameters(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter is { In: ParameterLocation.Query, Name: { Length: > 0 } name } && char.IsUpper(name[0]))
            {
                parameter.Name = char.ToLowerInvariant(name[0]) + name[1..];
            }
        }
    }

    private static bool RequiresToken(IList<object> metadata) =>
        !metadata.OfType<IAllowAnonymous>().Any()
        && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());

    /// <summary>
    /// The bearer token, or the key of a module's <see cref="ApiKeyScheme"/> where the operation's
    /// policy authenticates with that scheme. An empty list says "no token needed" in so many words,
    /// rather than leaving it unsaid.
    /// </summary>
    private static async Task DescribeSecurityAsync(OpenApiOperation operation, IList<object> metadata, OpenApiDocument document,
        IAuthorizationPolicyProvider policies, IReadOnlyList<ApiKeyScheme> keySchemes)
    {
        if (!RequiresToken(metadata))
        {
            operation.Security = [];
            return;
        }

        var schemes = new HashSet<string>(metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.AuthenticationSchemes), StringComparer.Ordinal);
        foreach (var data in metadata.OfType<IAuthorizeData>())
        {
            schemes.UnionWith(data.AuthenticationSchemes?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
            if (data.Policy is { } name && await policies.GetPolicyAsync(name) is { } policy)
            {
                schemes.UnionWith(policy.AuthenticationSchemes);
            }
        }

        var key = keySchemes.FirstOrDefault(k => schemes.Contains(k.AuthenticationScheme));
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(key?.AuthenticationScheme ?? BearerScheme, document)] = [] }];
    }

    /// <summary>
    /// The error answers an operation can give, from what it is (it reads input, needs a token,
    /// changes state, is rate-limited) and what it declares; each is a ProblemDetails.
    /// </summary>
    private static void DescribeErrors(OpenApiOperation operation, HttpMethod method, IList<object> metadata, OpenApiDocument document)
    {
        var statuses = new SortedSet<int>(metadata.OfType<IProducesResponseTypeMetadata>()
            .Select(produces => produces.StatusCode)
            .Where(status => status >= 400));
        var readsInput = operation.Parameters is { Count: > 0 } || operation.RequestBody is not null;
        if (readsInput)
        {
            statuses.UnionWith([400, 404]);
        }
        if (operation.RequestBody is not null)
        {
            statuses.UnionWith([413, 415]);
        }
        if (RequiresToken(metadata))
        {
            statuses.UnionWith([401, 403]);
        }
        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            statuses.Add(409);
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add(429);
        }
        // A key sent again with a different request is refused, not replayed (the request hash).
        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, "Idempotency-Key", StringComparison.OrdinalIgnoreCase)) == true)
        {
            statuses.Add(422);
        }
        // Every operation answers 503 while the database cannot be reached (ADR-025).
        statuses.Add(503);

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse declared
                ? declared
                : new OpenApiResponse();
            response.Description = ErrorMeanings.TryGetValue(status, out var meaning) ? meaning : ReasonPhrases.GetReasonPhrase(status);
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            };
            operation.Responses[key] = response;
        }

        var ordered = operation.Responses.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (key, response) in ordered)
        {
            operation.Responses[key] = response;
        }
    }

    /// <summary>
    /// An endpoint answering one status with different shapes (a citizen's tracking view or a
    /// staff member's whole record) declares each; the document offers them as oneOf.
    /// </summary>
    private static async Task DescribeAlternativeAnswersAsync(
        OpenApiOperation operation, IList<object> metadata, OpenApiDocument document,
        OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var alternatives = metadata.OfType<IProducesResponseTypeMetadata>()
            .Where(produces => produces.StatusCode < 300 && produces.Type is not null && produces.Type != typeof(void))
            .GroupBy(produces => produces.StatusCode)
            .Where(group => group.Select(produces => produces.Type).Distinct().Count() > 1);
        foreach (var group in alternatives)
        {
            var key = group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(key, out var existing) is not true || existing is not OpenApiResponse response)
            {
                continue;
            }

            var choices = new List<IOpenApiSchema>();
            foreach (var type in group.Select(produces => produces.Type!).Distinct())
            {
                choices.Add(await ComponentReferenceAsync(type, document, context, cancellationToken));
            }

            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchema { OneOf = choices } },
            };
        }
    }

    private static async Task<IOpenApiSchema> ComponentReferenceAsync(
        Type type, OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components!.Schemas!;
        if (!schemas.ContainsKey(type.Name))
        {
            schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        }

        return new OpenApiSchemaReference(type.Name, document);
    }

    private static OpenApiSchema ProblemDetailsSchema()
    {
        static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details. `errors` maps each field at fault to its messages.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text(),
                ["title"] = Text(),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = Text(),
                ["instance"] = Text(),
                ["traceId"] = Text(),
                ["field"] = Text(),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text() },
                },
            },
        };
    }

    private static string Humanise(string operationId)
    {
        var words = WordStart().Replace(operationId, " $1").Trim().ToLowerInvariant();
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
