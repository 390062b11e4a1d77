using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Nigehban.Web.Platform.References;

/// <summary>A reference travels in JSON as the text a citizen sees: <c>"PKM-LHR-26-004213-8"</c>.</summary>
public sealed class ReferenceNumberJsonConverter : JsonConverter<ReferenceNumber>
{
    public override ReferenceNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ReferenceNumber.TryParse(text, out var reference)
            ? reference
            : throw new JsonException($"'{text}' is not a valid reference number.");
    }

    public override void Write(Utf8JsonWriter writer, ReferenceNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>
/// Stores a reference as its canonical text (at most 32 characters), so a unique index on the
/// column finds an item by what the citizen typed, once parsed. Use in a module's configuration:
/// <c>builder.Property(x => x.Reference).HasConversion&lt;ReferenceNumberValueConverter&gt;().HasMaxLength(ReferenceNumberValueConverter.MaxLength)</c>.
/// </summary>
public sealed class ReferenceNumberValueConverter() : ValueConverter<ReferenceNumber, string>(
    reference => reference.ToString(),
    text => ReferenceNumber.Parse(text))
{
    public const int MaxLength = 32;
}
