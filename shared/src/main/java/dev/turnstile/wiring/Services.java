package dev.turnstile.wiring;

import dev.turnstile.adapters.jdbc.DataSources;
import dev.turnstile.adapters.jdbc.JdbcEvents;
import dev.turnstile.adapters.jdbc.JdbcMemberships;
import dev.turnstile.adapters.jdbc.JdbcOrganizations;
import dev.turnstile.adapters.jdbc.JdbcSessions;
import dev.turnstile.adapters.jdbc.JdbcSpeakers;
import dev.turnstile.adapters.jdbc.JdbcTicketTypes;
import dev.turnstile.adapters.jdbc.JdbcTransactions;
import dev.turnstile.adapters.jdbc.JdbcUsers;
import dev.turnstile.adapters.jdbc.Sql;
import dev.turnstile.adapters.jwt.JwksTokenVerifier;
import dev.turnstile.event.ChangeEventStatus;
import dev.turnstile.event.CloneEvent;
import dev.turnstile.event.CreateEvent;
import dev.turnstile.event.DeleteEventPermanently;
import dev.turnstile.event.GetEvent;
import dev.turnstile.event.GetPublicEvent;
import dev.turnstile.event.ListEvents;
import dev.turnstile.event.ListPublicEvents;
import dev.turnstile.event.UpdateEvent;
import dev.turnstile.identity.TokenVerifier;
import dev.turnstile.organization.CreateOrganization;
import dev.turnstile.organization.GetBranding;
import dev.turnstile.organization.GetOrganization;
import dev.turnstile.organization.ListMyOrganizations;
import dev.turnstile.organization.UpdateBranding;
import dev.turnstile.organization.UpdateOrganization;
import dev.turnstile.session.CancelSession;
import dev.turnstile.session.CreateSession;
import dev.turnstile.session.CreateSpeaker;
import dev.turnstile.session.DeleteSpeaker;
import dev.turnstile.session.GetSpeaker;
import dev.turnstile.session.ListSessions;
import dev.turnstile.session.ListSpeakers;
import dev.turnstile.session.SetSessionSpeakers;
import dev.turnstile.session.UpdateSession;
import dev.turnstile.session.UpdateSpeaker;
import dev.turnstile.tenancy.OrgAccess;
import dev.turnstile.ticket.CreateTicketType;
import dev.turnstile.ticket.ListTicketTypes;
import dev.turnstile.ticket.SetTicketTypeActive;
import dev.turnstile.ticket.UpdateTicketType;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The composition root of the core: adapters wired into use cases by hand (no reflection, nothing
 * scanned), built once per Lambda container at init, or once by the local runtime. Every function,
 * HTTP or scheduled, takes one of these.
 */
public final class Services {

    public final TokenVerifier tokens;

    public final CreateOrganization createOrganization;
    public final ListMyOrganizations listMyOrganizations;
    public final GetOrganization getOrganization;
    public final UpdateOrganization updateOrganization;
    public final GetBranding getBranding;
    public final UpdateBranding updateBranding;

    public final CreateEvent createEvent;
    public final GetEvent getEvent;
    public final UpdateEvent updateEvent;
    public final ListEvents listEvents;
    public final ChangeEventStatus changeEventStatus;
    public final DeleteEventPermanently deleteEventPermanently;
    public final CloneEvent cloneEvent;
    public final GetPublicEvent getPublicEvent;
    public final ListPublicEvents listPublicEvents;

    public final CreateSession createSession;
    public final UpdateSession updateSession;
    public final CancelSession cancelSession;
    public final ListSessions listSessions;
    public final SetSessionSpeakers setSessionSpeakers;
    public final CreateSpeaker createSpeaker;
    public final GetSpeaker getSpeaker;
    public final ListSpeakers listSpeakers;
    public final UpdateSpeaker updateSpeaker;
    public final DeleteSpeaker deleteSpeaker;

    public final CreateTicketType createTicketType;
    public final UpdateTicketType updateTicketType;
    public final ListTicketTypes listTicketTypes;
    public final SetTicketTypeActive setTicketTypeActive;

    public Services(DataSource appDataSource, TokenVerifier tokens, Clock clock) {
        this.tokens = tokens;
        JdbcTransactions tx = new JdbcTransactions(appDataSource);
        Sql sql = new Sql(tx);
        var users = new JdbcUsers(sql);
        var memberships = new JdbcMemberships(sql);
        var organizations = new JdbcOrganizations(sql);
        var events = new JdbcEvents(sql);
        var sessions = new JdbcSessions(sql);
        var speakers = new JdbcSpeakers(sql);
        var ticketTypes = new JdbcTicketTypes(sql);
        OrgAccess access = new OrgAccess(tx, memberships);

        createOrganization = new CreateOrganization(tx, users, organizations, memberships, clock);
        listMyOrganizations = new ListMyOrganizations(tx, organizations);
        getOrganization = new GetOrganization(access, organizations, memberships);
        updateOrganization = new UpdateOrganization(access, organizations);
        getBranding = new GetBranding(access, organizations);
        updateBranding = new UpdateBranding(access, organizations);

        createEvent = new CreateEvent(access, events, clock);
        getEvent = new GetEvent(access, events);
        updateEvent = new UpdateEvent(access, events, sessions);
        listEvents = new ListEvents(access, events);
        changeEventStatus = new ChangeEventStatus(access, events, ticketTypes, clock);
        deleteEventPermanently = new DeleteEventPermanently(access, events);
        cloneEvent = new CloneEvent(access, events, sessions, ticketTypes, clock);
        getPublicEvent = new GetPublicEvent(tx, organizations, events, sessions, ticketTypes, clock);
        listPublicEvents = new ListPublicEvents(tx, organizations, events, clock);

        createSession = new CreateSession(access, events, sessions, clock);
        updateSession = new UpdateSession(access, events, sessions);
        cancelSession = new CancelSession(access, events, sessions, clock);
        listSessions = new ListSessions(access, events, sessions);
        setSessionSpeakers = new SetSessionSpeakers(access, events, sessions, speakers);
        createSpeaker = new CreateSpeaker(access, speakers, clock);
        getSpeaker = new GetSpeaker(access, speakers);
        listSpeakers = new ListSpeakers(access, speakers);
        updateSpeaker = new UpdateSpeaker(access, speakers);
        deleteSpeaker = new DeleteSpeaker(access, speakers);

        createTicketType = new CreateTicketType(access, events, ticketTypes, clock);
        updateTicketType = new UpdateTicketType(access, events, ticketTypes);
        listTicketTypes = new ListTicketTypes(access, events, ticketTypes);
        setTicketTypeActive = new SetTicketTypeActive(access, events, ticketTypes);
    }

    /**
     * For a Lambda container: the database and the token issuer from environment variables
     * (set by the CDK app). A missing variable fails at init with a message naming it.
     */
    public static Services fromEnvironment() {
        DataSource db = DataSources.pooled(required("TURNSTILE_DB_URL"), required("TURNSTILE_DB_USER"),
                System.getenv("TURNSTILE_DB_PASSWORD"), 2);
        TokenVerifier tokens = JwksTokenVerifier.forJwksUrl(required("TURNSTILE_JWKS_URL"), required("TURNSTILE_JWT_ISSUER"),
                blankToNull(System.getenv("TURNSTILE_JWT_AUDIENCE")));
        return new Services(db, tokens, Clock.systemUTC());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }
}
