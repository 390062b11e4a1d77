using Nigehban.Web.Platform.References;
using Shouldly;

namespace Nigehban.UnitTests.References;

/// <summary>
/// Exhaustive proofs that the check character catches every single substitution and every
/// adjacent transposition. The check is computed by a running state (S' = σ(S + a)); the lemmas
/// below cover every state and every pair of characters, so they hold for strings of any length.
/// </summary>
public sealed class CheckCharacterTests
{
    private static readonly int[] Values = [.. Enumerable.Range(0, CheckCharacter.Alphabet.Length)];

    [Fact]
    public void Step_GivesEveryCharacterADifferentState_FromEveryState()
    {
        // A substitution at any position leaves the running state different just after it...
        foreach (var state in Values)
        {
            Values.Select(a => CheckCharacter.Step(state, a)).Distinct().Count().ShouldBe(36, $"state {state}");
        }
    }

    [Fact]
    public void Step_KeepsDifferentStatesDifferent_ForEveryCharacter()
    {
        // ...every later character keeps it different...
        foreach (var a in Values)
        {
            Values.Select(state => CheckCharacter.Step(state, a)).Distinct().Count().ShouldBe(36, $"character {a}");
        }
    }

    [Fact]
    public void CheckValue_IsDifferentForEveryFinalState()
    {
        // ...and a different final state means a different check character.
        Values.Select(CheckCharacter.Negate).Distinct().Count().ShouldBe(36);
    }

    [Fact]
    public void SwappingTwoDifferentNeighbours_ChangesTheState_ForEveryStateAndPair()
    {
        foreach (var state in Values)
        {
            foreach (var a in Values)
            {
                foreach (var b in Values.Where(b => b != a))
                {
                    var original = CheckCharacter.Step(CheckCharacter.Step(state, a), b);
                    var swapped = CheckCharacter.Step(CheckCharacter.Step(state, b), a);
                    swapped.ShouldNotBe(original, $"state {state}, characters {a} and {b}");
                }
            }
        }
    }

    [Fact]
    public void SwappingTheLastCharacterWithTheCheck_IsCaught_ForEveryStateAndCharacter()
    {
        foreach (var state in Values)
        {
            foreach (var last in Values)
            {
                var check = CheckCharacter.Negate(CheckCharacter.Step(state, last));
                if (check == last)
                {
                    continue; // swapping equal characters is no error
                }

                // After the swap the check position holds 'last' and the data ends in 'check'.
                CheckCharacter.Negate(CheckCharacter.Step(state, check)).ShouldNotBe(last, $"state {state}, last {last}");
            }
        }
    }

    [Fact]
    public void EveryThreeCharacterString_RejectsEverySubstitutionAndAdjacentSwap()
    {
        var alphabet = CheckCharacter.Alphabet;
        Span<char> text = stackalloc char[4];
        Span<char> changed = stackalloc char[4];
        foreach (var x in alphabet)
        {
            foreach (var y in alphabet)
            {
                foreach (var z in alphabet)
                {
                    text[0] = x;
                    text[1] = y;
                    text[2] = z;
                    text[3] = CheckCharacter.Compute(text[..3]);
                    for (var i = 0; i < 4; i++)
                    {
                        foreach (var other in alphabet)
                        {
                            if (other == text[i])
                            {
                                continue;
                            }

                            text.CopyTo(changed);
                            changed[i] = other;
                            Assert.False(CheckCharacter.IsValid(changed[..3], changed[3]), $"substitution at {i} in {text.ToString()}");
                        }

                        if (i < 3 && text[i] != text[i + 1])
                        {
                            text.CopyTo(changed);
                            (changed[i], changed[i + 1]) = (changed[i + 1], changed[i]);
                            Assert.False(CheckCharacter.IsValid(changed[..3], changed[3]), $"swap at {i} in {text.ToString()}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Compute_IsStable()
    {
        // Printed references must stay valid forever: a change to the scheme fails here first.
        CheckCharacter.Compute("PKMLHR26004213").ShouldBe('8');
        CheckCharacter.Compute("CMPBUG271234567").ShouldBe('Q');
    }

    [Fact]
    public void Iso7064Mod3736_MissesSomeAdjacentTranspositions_WhichIsWhyItIsNotUsed()
    {
        // ADR-005: the standard hybrid system gives these two strings the same check character.
        Mod3736("PKMLHR26683245").ShouldBe(Mod3736("PKMLHR26683254"));
        CheckCharacter.Compute("PKMLHR26683245").ShouldNotBe(CheckCharacter.Compute("PKMLHR26683254"));
    }

    private static char Mod3736(string value)
    {
        var p = 36;
        foreach (var c in value)
        {
            var s = (p + CheckCharacter.ValueOf(c)) % 36;
            p = (s == 0 ? 36 : s) * 2 % 37;
        }

        return CheckCharacter.Alphabet[(37 - p) % 36];
    }
}
