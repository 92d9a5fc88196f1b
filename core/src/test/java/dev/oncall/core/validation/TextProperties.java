package dev.oncall.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Which characters each kind of text refuses, over generated text with a bad character put anywhere. */
class TextProperties {
    /** Letters, digits, spaces, accents and characters outside the BMP (written as surrogate pairs). */
    @Provide
    Arbitrary<String> storable() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~'),
                Arbitraries.strings().withChars("éß中ü €"),
                Arbitraries.of("🚨", "𝔘", "👩‍💻").list().ofMaxSize(5).map(l -> String.join("x", l)))
                .list().ofMaxSize(4).map(parts -> String.join("", parts));
    }

    /** Every C0 control character but tab, line feed and carriage return; DEL; each half of a surrogate pair alone. */
    @Provide
    Arbitrary<Character> neverStorable() {
        return Arbitraries.of(IntStream.concat(IntStream.rangeClosed(0, 0x1F).filter(c -> c != '\t' && c != '\n' && c != '\r'),
                        IntStream.of(0x7F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D))
                .mapToObj(c -> (char) c).toList());
    }

    @Provide
    Arbitrary<String> withOneBadCharacter() {
        return Combinators.combine(storable(), neverStorable(), Arbitraries.integers().greaterOrEqual(0))
                .as((text, bad, at) -> {
                    int i = at % (text.length() + 1);
                    // Never split a surrogate pair of the storable part: that would be a second bad character.
                    if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))) {
                        i--;
                    }
                    return text.substring(0, i) + bad + text.substring(i);
                })
                .filter(TextProperties::hasNeverStorable);
    }

    /** The rule written independently: code points of lone surrogates come out as themselves. */
    private static boolean hasNeverStorable(String s) {
        return s.codePoints().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F
                || c >= 0xD800 && c <= 0xDFFF);
    }

    @Property
    void storableTextIsAcceptedAsALineAndAsFreeText(@ForAll("storable") String text) {
        assertThat(Text.lineProblem(text)).isEmpty();
        assertThat(Text.freeTextProblem(text)).isEmpty();
        assertThat(Text.shown(text)).isEqualTo(text);
    }

    @Property
    void aBadCharacterAnywhereIsRefusedInEveryKindOfTextAndShownEscaped(@ForAll("withOneBadCharacter") String text) {
        assertThat(Text.lineProblem(text)).hasValueSatisfying(p -> assertThat(p).contains("U+"));
        assertThat(Text.freeTextProblem(text)).isPresent();
        assertThat(Text.lineProblem(Text.shown(text))).isEmpty();
    }

    @Property
    void lineBreaksAndTabsAreFreeTextButNotALine(@ForAll("storable") String before, @ForAll("storable") String after,
                                                  @ForAll("lineBreaks") char lineBreak) {
        String text = before + lineBreak + after;
        assertThat(Text.freeTextProblem(text)).isEmpty();
        assertThat(Text.lineProblem(text)).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo("must be a single line without tabs (U+%04X at character %d)", (int) lineBreak,
                        before.length() + 1));
    }

    @Provide
    Arbitrary<Character> lineBreaks() {
        return Arbitraries.of('\t', '\n', '\r');
    }

    @Property
    void theProblemNamesTheFirstBadCharacterAndWhere(@ForAll("storable") String before, @ForAll("neverStorable") char bad) {
        String text = before + bad + "\u0000";
        assertThat(Text.lineProblem(text)).contains(
                (Character.isSurrogate(bad) ? "must not contain half of a surrogate pair" : "must not contain control characters")
                        + " (U+%04X at character %d)".formatted((int) bad, before.length() + 1));
    }

    @Property
    void namesAndRequiredFieldsRefuseWhatALineRefuses(@ForAll("withOneBadCharacter") String text) {
        String name = "n" + text + "n";
        Problems problems = new Problems();
        Text.name(problems, "name", name, Fields.MAX_NAME_LENGTH);
        Text.required(problems, "label", name, 10_000);
        Text.optional(problems, "description", name, 10_000);
        assertThat(problems.errors()).extracting(FieldError::field).containsExactly("name", "label", "description");
    }
}
