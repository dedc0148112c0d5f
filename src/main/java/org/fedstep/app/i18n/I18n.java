package org.fedstep.app.i18n;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.fedstep.app.prefs.AppPreferences;

/**
 * Every user-visible string of the app. Each feature keeps its own bundle under org/fedstep/app/i18n/ (main, setup,
 * inspector, charts, lesson), in English (the base file) and Simplified Chinese (_zh). The language is remembered between
 * runs; switching it rebuilds the window, so no view has to listen for it.
 */
public final class I18n {

    /** The languages the app is complete in. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private static final String[] BUNDLES = {"main", "setup", "inspector", "charts", "lesson", "privacy"};
    private static Locale locale = Locale.ENGLISH;
    private static List<ResourceBundle> bundles = load(Locale.ENGLISH);

    private I18n() { }

    /** The language saved last time, or English. */
    public static Locale savedLanguage() {
        String saved = AppPreferences.shared().language();
        String tag = saved == null ? Locale.ENGLISH.toLanguageTag() : saved;
        return LANGUAGES.stream().filter(l -> l.toLanguageTag().equals(tag)).findFirst().orElse(Locale.ENGLISH);
    }

    public static void use(Locale language, boolean remember) {
        locale = language;
        bundles = load(language);
        if (remember) {
            AppPreferences.shared().setLanguage(language.toLanguageTag());
        }
    }

    public static Locale locale() {
        return locale;
    }

    public static boolean isChinese() {
        return locale.getLanguage().equals("zh");
    }

    /**
     * The text for a key, with {0}, {1} ... filled in. Every text goes through MessageFormat, with or without
     * arguments, so the bundles follow one rule: write '' for an apostrophe.
     */
    public static String t(String key, Object... args) {
        for (ResourceBundle b : bundles) {
            if (b.containsKey(key)) {
                String pattern = b.getString(key);
                return new MessageFormat(pattern, locale).format(args);
            }
        }
        throw new MissingResourceException("no text for \"" + key + "\"", I18n.class.getName(), key);
    }

    /** Whether some bundle has a text for the key (for optional variants of a text). */
    public static boolean has(String key) {
        for (ResourceBundle b : bundles) {
            if (b.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** Every key of every bundle in the base (English) language: for the test that both languages are complete. */
    public static List<String> bundleNames() {
        List<String> names = new ArrayList<>();
        for (String b : BUNDLES) {
            names.add("org.fedstep.app.i18n." + b);
        }
        return names;
    }

    private static List<ResourceBundle> load(Locale language) {
        List<ResourceBundle> out = new ArrayList<>();
        // no fallback to the machine's own locale: a Chinese machine can still choose English
        ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES);
        for (String name : bundleNames()) {
            out.add(ResourceBundle.getBundle(name, language, control));
        }
        return out;
    }
}
