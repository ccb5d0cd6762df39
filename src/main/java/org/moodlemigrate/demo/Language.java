package org.moodlemigrate.demo;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The languages that the demo site's people write in, with the words they use.
 *
 * <p>The point is the bytes, not the prose: French and German bring Latin-1 accents and {@code ß},
 * Polish brings letters outside Latin-1 ({@code ł ż ę}), Japanese brings three-byte UTF-8 and the
 * four-byte {@code 𠮷} (U+20BB7) of the real surname 𠮷田, and many sentences carry emoji, which
 * need {@code utf8mb4} on MySQL. A migration that mangles any of these shows it here.
 *
 * <p>Lists are written as {@code |}-separated strings to keep the tables readable. A name may be
 * written {@code display=ascii} when its user name cannot be derived by stripping accents (the
 * Japanese names); otherwise {@link #ascii(String)} derives it.
 */
enum Language {
  EN(
      "en",
      "GB",
      "Europe/London",
      "Demo University",
      "Manchester|Edinburgh|Cardiff|Belfast|York",
      "Oliver|Amelia|Harry|Isla|Jack|Ava|Noah|Mia",
      "Smith|Jones|Taylor|Brown|O'Connor|Williams|Evans|Wilson",
      "Hi everyone, does anyone know whether the quiz covers chapter 5?"
          + "|Great explanation, thanks! 🎉"
          + "|I've attached my draft essay — any feedback is welcome."
          + "|Could we move the study group to Thursday at 6 pm?"
          + "|I can't open the PDF from week 3, is it just me? 🤔",
      "Welcome to the course! 👋|Quiz 2: which chapters?|Study group this week|Essay feedback",
      "Announcements",
      "Q&A forum"),

  FR(
      "fr",
      "FR",
      "Europe/Paris",
      "Université de Démo",
      "Paris|Lyon|Besançon|Orléans|Nîmes|Saint-Étienne",
      "Amélie|Benoît|Céline|Émile|François|Hélène|Jérôme|Léa|Noël|Zoé",
      "Dupont|Lefèvre|Girard|Béranger|Leclère|Moreau|Faÿ|Château",
      "Bonjour à tous, j'ai une question sur l'exercice 3 : faut-il rendre le devoir avant vendredi"
          + " ?|Merci beaucoup pour vos réponses, c'est très clair maintenant ! 🙏|Voici mon résumé"
          + " du chapitre « Élasticité des prix » — vos remarques sont les bienvenues.|Je n'arrive"
          + " pas à ouvrir le fichier, quelqu'un d'autre a-t-il ce problème ?|Rendez-vous à la"
          + " bibliothèque à 14 h, salle Molière. ☕",
      "Question sur le devoir n°2|🎓 Résultats du partiel|Révisions de l'examen final|Où trouver"
          + " les diapos ?",
      "Annonces",
      "Forum de discussion"),

  DE(
      "de",
      "DE",
      "Europe/Berlin",
      "Technische Hochschule Übungsstadt",
      "München|Köln|Düsseldorf|Würzburg|Görlitz|Lübeck",
      "Jürgen|Jörg|Günther|Änne|Björn|Sören|Lena|Maximilian",
      "Müller|Schäfer|Weiß|Groß|Böhm|Krüger|Fuchs|Schröder",
      "Guten Morgen! Könnte jemand die Lösung zu Aufgabe 2b erklären? Ich komme bei der Ableitung"
          + " nicht weiter.|Die Prüfung findet am Dienstag um 10:15 Uhr im Hörsaal Ü3 statt. Viel"
          + " Glück! 🍀|Größe, Maß und Gewicht bitte immer in SI-Einheiten angeben (z. B. 9,81"
          + " m/s²).|Danke für die schnelle Rückmeldung, jetzt funktioniert alles.|Schöne Grüße aus"
          + " Köln 👋",
      "Prüfungsvorbereitung – Termine & Räume|Frage zu Übungsblatt 4|Lerngruppe gesucht 📚|Skript"
          + " Kapitel 7",
      "Ankündigungen",
      "Diskussionsforum"),

  PL(
      "pl",
      "PL",
      "Europe/Warsaw",
      "Uniwersytet Demonstracyjny w Łodzi",
      "Kraków|Łódź|Gdańsk|Wrocław|Poznań|Zielona Góra",
      "Łukasz|Małgorzata|Wojciech|Zofia|Paweł|Agnieszka|Jędrzej|Żaneta",
      "Wiśniewski|Wójcik|Kowalczyk|Żółkiewski|Dąbrowska|Zieliński|Szymańska|Łęcka",
      "Cześć! Czy ktoś ma notatki z ostatniego wykładu? 😅"
          + "|Dziękuję za pomoc, wszystko działa. 👍"
          + "|Termin oddania projektu przesunięto na środę, 15 stycznia."
          + "|Proszę o sprawdzenie mojego rozwiązania zadania nr 4."
          + "|Zażółć gęślą jaźń — tak testujemy polskie znaki.",
      "Pytanie o kolokwium 📅|Zadanie domowe: równania różniczkowe|Materiały do"
          + " egzaminu|Konsultacje w piątek",
      "Ogłoszenia",
      "Forum dyskusyjne"),

  JA(
      "ja",
      "JP",
      "Asia/Tokyo",
      "デモ大学",
      "東京|大阪|京都|札幌|福岡|名古屋",
      "結衣=yui|陽翔=haruto|さくら=sakura|蓮=ren|美咲=misaki|大翔=hiroto",
      "佐藤=sato|鈴木=suzuki|高橋=takahashi|田中=tanaka|渡辺=watanabe|𠮷田=yoshida",
      "こんにちは！第3章の課題について質問があります。"
          + "|ありがとうございます。よく分かりました 😊"
          + "|締め切りは金曜日の午後5時です。遅れないようにしてください。"
          + "|漢字の読み方が難しいです…🤔"
          + "|来週の授業は休講です。",
      "レポートの提出について|期末試験の範囲|質問があります 🙋|教科書の誤植",
      "お知らせ",
      "質問掲示板");

  final String code;
  final String country;
  final String timezone;
  final String institution;
  final List<String> cities;
  final List<String> firstNames;
  final List<String> lastNames;
  final List<String> sentences;
  final List<String> subjects;
  final String announcementsForum;
  final String discussionForum;

  Language(
      String code,
      String country,
      String timezone,
      String institution,
      String cities,
      String firstNames,
      String lastNames,
      String sentences,
      String subjects,
      String announcementsForum,
      String discussionForum) {
    this.code = code;
    this.country = country;
    this.timezone = timezone;
    this.institution = institution;
    this.cities = list(cities);
    this.firstNames = list(firstNames);
    this.lastNames = list(lastNames);
    this.sentences = list(sentences);
    this.subjects = list(subjects);
    this.announcementsForum = announcementsForum;
    this.discussionForum = discussionForum;
  }

  /** The name as people see it: {@code 𠮷田} of {@code 𠮷田=yoshida}. */
  static String display(String name) {
    int separator = name.indexOf('=');
    return separator < 0 ? name : name.substring(0, separator);
  }

  /**
   * The name as Moodle's user names allow it (lower-case ASCII letters and digits): {@code yoshida}
   * of {@code 𠮷田=yoshida}, {@code lecka} of {@code Łęcka}.
   */
  static String ascii(String name) {
    int separator = name.indexOf('=');
    if (separator >= 0) {
      return name.substring(separator + 1);
    }
    String folded =
        Normalizer.normalize(
            name.replace("ł", "l").replace("Ł", "L").replace("ß", "ss"), Normalizer.Form.NFD);
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static List<String> list(String items) {
    return List.of(items.split("\\|"));
  }
}
