package dev.turnstile.local;

import dev.turnstile.wiring.Services;
import dev.turnstile.event.ChangeEventStatus;
import dev.turnstile.event.Event;
import dev.turnstile.event.EventType;
import dev.turnstile.event.Visibility;
import dev.turnstile.identity.Principal;
import dev.turnstile.organization.Branding;
import dev.turnstile.organization.CreateOrganization;
import dev.turnstile.registration.DiscountKind;
import dev.turnstile.registration.PromoCode;
import dev.turnstile.registration.Question;
import dev.turnstile.registration.QuestionKind;
import dev.turnstile.registration.RegistrationSettings;
import dev.turnstile.session.Session;
import dev.turnstile.session.SetSessionSpeakers;
import dev.turnstile.session.Speaker;
import dev.turnstile.ticket.TicketType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo organization, seeded through the same use cases the API calls: a published, hybrid,
 * two-day event a month ahead with sessions, speakers, ticket types, registration questions and a
 * promo code (EARLYBIRD). Seeding twice does nothing.
 */
final class DemoData {

    static final String ORG_SLUG = "demo";
    static final String EVENT_SLUG = "turnstile-summit";
    static final Principal ORGANIZER = DevIssuer.userFor("organizer@demo.turnstile.dev", "Demo Organizer");

    private DemoData() {
    }

    /** @return whether anything was created */
    static boolean seed(Services s) {
        boolean exists = s.listMyOrganizations.list(ORGANIZER).stream()
                .anyMatch(m -> m.organization().slug().equals(ORG_SLUG));
        if (exists) {
            return false;
        }
        UUID org = s.createOrganization.create(ORGANIZER, new CreateOrganization.Command("Turnstile Demo", ORG_SLUG,
                "A demo organization seeded by the local runtime.", Map.of())).organization().id();
        s.updateBranding.update(ORGANIZER, org, new Branding("https://placehold.co/240x80/png",
                Map.of("primary", "#0b5fff", "accent", "#ffb000"), Map.of(), "Be excellent to each other.",
                "We keep only what we need to run the event."));

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate day1 = LocalDate.now(berlin).plusDays(30);
        Instant start = ZonedDateTime.of(day1, LocalTime.of(9, 0), berlin).toInstant();
        Instant end = ZonedDateTime.of(day1.plusDays(1), LocalTime.of(18, 0), berlin).toInstant();
        Event event = s.createEvent.create(ORGANIZER, org, new Event.Details("Turnstile Summit", EVENT_SLUG,
                "Two days on serverless ticketing: flash sales, check-in at the door, and payments that never get lost.",
                EventType.HYBRID, Visibility.PUBLIC, start, end, "Europe/Berlin",
                Map.of("venue", "Kulturbrauerei", "address", "Schönhauser Allee 36, 10435 Berlin",
                        "onlineUrl", "https://stream.example.com/turnstile-summit"),
                Map.of(), Map.of("email", "hello@demo.turnstile.dev"), List.of("serverless", "java", "ticketing")));

        Speaker ada = s.createSpeaker.create(ORGANIZER, org, new Speaker.Details("Ada Byron", "Principal Engineer",
                "Builds inventory systems that never oversell.", null, null, Map.of()));
        Speaker linus = s.createSpeaker.create(ORGANIZER, org, new Speaker.Details("Linus Okafor", "Staff SRE",
                "Runs check-in for festivals of 80,000 people.", null, null, Map.of()));

        Session keynote = session(s, org, event, "Opening keynote: never oversell", "Main stage", start, 60, null);
        Session workshop = session(s, org, event, "Workshop: SnapStart in practice", "Room 2",
                start.plusSeconds(2 * 3600), 120, 40);
        Session panel = session(s, org, event, "Panel: doors open at nine", "Main stage",
                start.plusSeconds(24 * 3600 + 3600), 60, null);
        s.setSessionSpeakers.set(ORGANIZER, org, event.id(), keynote.id(),
                List.of(new SetSessionSpeakers.Assignment(ada.id(), "speaker")));
        s.setSessionSpeakers.set(ORGANIZER, org, event.id(), workshop.id(),
                List.of(new SetSessionSpeakers.Assignment(linus.id(), "speaker")));
        s.setSessionSpeakers.set(ORGANIZER, org, event.id(), panel.id(), List.of(
                new SetSessionSpeakers.Assignment(linus.id(), "moderator"),
                new SetSessionSpeakers.Assignment(ada.id(), "panelist")));

        s.createQuestion.create(ORGANIZER, org, event.id(), new Question.Details("T-shirt size", QuestionKind.CHOICE,
                List.of("S", "M", "L", "XL"), false, List.of(), 1));
        s.createQuestion.create(ORGANIZER, org, event.id(), new Question.Details("I accept the code of conduct",
                QuestionKind.CHECKBOX, List.of(), true, List.of(), 2));
        s.updateRegistrationSettings.update(ORGANIZER, org, event.id(),
                new RegistrationSettings.Changes(null, 15, 60, true));
        ticketType(s, org, event, "General admission", 4900, 500, Map.of("maxPerOrder", 10), 1);
        ticketType(s, org, event, "Student", 1900, 100, Map.of("maxPerOrder", 1), 2);
        ticketType(s, org, event, "Livestream", 0, 2000, Map.of(), 3);
        s.createPromoCode.create(ORGANIZER, org, event.id(), new PromoCode.Details("EARLYBIRD", DiscountKind.PERCENT, 20,
                null, List.of(), 50, null, null, true));
        s.changeEventStatus.apply(ORGANIZER, org, event.id(), ChangeEventStatus.Transition.PUBLISH);
        return true;
    }

    private static Session session(Services s, UUID org, Event event, String title, String room, Instant start,
                                   int minutes, Integer capacity) {
        return s.createSession.create(ORGANIZER, org, event.id(), new Session.Details(title, null, room, start,
                start.plusSeconds(minutes * 60L), capacity, List.of(), List.of()));
    }

    private static void ticketType(Services s, UUID org, Event event, String name, long priceMinor, int capacity,
                                   Map<String, Object> restrictions, int sortOrder) {
        s.createTicketType.create(ORGANIZER, org, event.id(), new TicketType.Details(name, null, priceMinor, "EUR",
                capacity, null, null, restrictions, false, sortOrder));
    }
}
