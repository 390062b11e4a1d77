using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records.RegisterPerson;

/// <summary>
/// A person put on record by a station of the officer's district: with the national ID when known,
/// otherwise with the father's name or a description (and an approximate year of birth) to tell them
/// apart. Aliases include the same name written in another script.
/// </summary>
public sealed record RegisterPersonCommand(
    string? Unit, string? NationalId, string? Name, string? ParentName, IReadOnlyList<string>? Aliases, int? BirthYear, string? Description, string? Phone);

public sealed record RegisteredPerson(Guid Id, string Name, string? NationalId);

public sealed class RegisterPersonHandler(NigehbanDbContext db, RecordsScope scope, UnitDirectory units, ForcePack force, NameKeys keys, TimeProvider clock)
{
    public const int MaxAliases = 10;

    public async Task<RegisteredPerson> HandleAsync(RegisterPersonCommand command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var unit = units.Find(command.Unit?.Trim());
        if (string.IsNullOrWhiteSpace(command.Unit) || unit is null)
        {
            errors.Add("unit", RecordsErrors.Text("Unit.Unknown", command.Unit));
        }

        var name = Name(command.Name, "name", required: true, errors);
        var parent = Name(command.ParentName, "parentName", required: false, errors);
        string? nationalId = null;
        if (!string.IsNullOrWhiteSpace(command.NationalId) && (nationalId = force.NationalId.Normalise(command.NationalId)) is null)
        {
            errors.Add("nationalId", RecordsErrors.Text("NationalId.Invalid", force.NationalId.LocalName, force.NationalId.Example));
        }

        var description = command.Description?.Trim();
        if (description is { Length: > 500 })
        {
            errors.Add("description", RecordsErrors.Text("Description.TooLong", 500));
        }

        if (nationalId is null && string.IsNullOrWhiteSpace(command.NationalId) && parent is null && string.IsNullOrEmpty(description))
        {
            errors.Add("parentName", RecordsErrors.Text("Person.WithoutId"));
        }

        var year = clock.GetUtcNow().Year;
        if (command.BirthYear is { } born && (born < year - 120 || born > year))
        {
            errors.Add("birthYear", RecordsErrors.Text("BirthYear.Range", year - 120, year));
        }

        var phone = PhoneNumber.Digits(command.Phone);
        if (!string.IsNullOrWhiteSpace(command.Phone) && phone is null)
        {
            errors.Add("phone", RecordsErrors.Text("Phone.Invalid"));
        }

        var aliases = new List<string>();
        if (command.Aliases is { Count: > MaxAliases })
        {
            errors.Add("aliases", RecordsErrors.Text("Aliases.TooMany", MaxAliases));
        }
        else
        {
            foreach (var alias in command.Aliases ?? [])
            {
                if (Name(alias, "aliases", required: true, errors) is { } text && !aliases.Contains(text) && text != name)
                {
                    aliases.Add(text);
                }
            }
        }

        errors.ThrowIfAny();
        if (!scope.Covers(unit!.Path))
        {
            throw new NotFoundException("unit", ApiErrors.Text("Unit.NotInJurisdiction"));
        }

        if (nationalId is not null && await db.Set<PersonRecord>().IgnoreQueryFilters().AnyAsync(p => p.NationalId == nationalId, cancellationToken))
        {
            throw new RuleViolationException(RecordsErrors.Text("Person.IdOnRecord"));
        }

        var person = new PersonRecord
        {
            Id = Guid.CreateVersion7(), NationalId = nationalId, Name = name!, ParentName = parent, NameKey = keys.KeyOf(name),
            BirthYear = command.BirthYear, Description = string.IsNullOrEmpty(description) ? null : description, Phone = phone,
            UnitPath = unit.Path, CreatedAt = clock.GetUtcNow(),
        };
        person.Names.Add(NameRow(person.Id, PersonNameKind.Primary, name!));
        person.Names.AddRange(aliases.Select(a => NameRow(person.Id, PersonNameKind.Alias, a)));
        if (parent is not null)
        {
            person.Names.Add(NameRow(person.Id, PersonNameKind.Parent, parent));
        }

        db.Add(person);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolations.IsOn(e, NationalIdIndex(db)))
        {
            // Another officer put the same ID on record between the check above and this insert.
            db.Entry(person).State = EntityState.Detached;
            throw new RuleViolationException(RecordsErrors.Text("Person.IdOnRecord"));
        }

        return new RegisteredPerson(person.Id, person.Name, person.NationalId);
    }

    private static Microsoft.EntityFrameworkCore.Metadata.IIndex NationalIdIndex(NigehbanDbContext db) =>
        UniqueViolations.IndexOf<PersonRecord>(db, nameof(PersonRecord.NationalId));

    public PersonName NameRow(Guid personId, PersonNameKind kind, string text) =>
        new() { Id = Guid.CreateVersion7(), PersonId = personId, Kind = kind, Text = text, Key = keys.KeyOf(text) };

    private string? Name(string? text, string field, bool required, ValidationErrors errors)
    {
        var trimmed = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length == 0)
        {
            if (required)
            {
                errors.Add(field, RecordsErrors.Text("Name.Required"));
            }

            return null;
        }

        if (trimmed.Length > 120 || keys.PartsOf(trimmed).Count == 0)
        {
            errors.Add(field, RecordsErrors.Text("Name.Invalid"));
            return null;
        }

        return trimmed;
    }
}
