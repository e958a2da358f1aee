package dev.turnstile.identity;

import static dev.turnstile.identity.Role.ADMIN;
import static dev.turnstile.identity.Role.ATTENDEE;
import static dev.turnstile.identity.Role.GUEST;
import static dev.turnstile.identity.Role.OWNER;
import static dev.turnstile.identity.Role.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleTest {

    /** The order of power, written out here so that reordering the enum cannot go unnoticed. */
    static final List<Role> STRONGEST_FIRST = List.of(OWNER, ADMIN, STAFF, ATTENDEE, GUEST);

    @Test
    void givenEveryPairOfRoles_thenARoleIsAtLeastExactlyItselfAndTheRolesBelowIt() {
        assertThat(Role.values()).containsExactlyInAnyOrderElementsOf(STRONGEST_FIRST);
        for (int held = 0; held < STRONGEST_FIRST.size(); held++) {
            for (int needed = 0; needed < STRONGEST_FIRST.size(); needed++) {
                Role role = STRONGEST_FIRST.get(held);
                Role minimum = STRONGEST_FIRST.get(needed);
                assertThat(role.atLeast(minimum)).as("%s at least %s", role, minimum).isEqualTo(held <= needed);
            }
        }
    }

    @Test
    void givenTheRolesTheUseCasesAskFor_thenOnlyTheExpectedRolesQualify() {
        assertThat(Arrays.stream(Role.values()).filter(r -> r.atLeast(ADMIN))).containsExactlyInAnyOrder(OWNER, ADMIN);
        assertThat(Arrays.stream(Role.values()).filter(r -> r.atLeast(STAFF))).containsExactlyInAnyOrder(OWNER, ADMIN, STAFF);
        assertThat(Arrays.stream(Role.values()).filter(r -> r.atLeast(GUEST))).containsExactlyInAnyOrder(Role.values());
        assertThat(GUEST.atLeast(ATTENDEE)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"OWNER, owner", "ADMIN, admin", "STAFF, staff", "ATTENDEE, attendee", "GUEST, guest"})
    void givenARole_thenItsWireNameIsTheLowerCaseWord_andReadsBackToTheSameRole(Role role, String wire) {
        assertThat(role.wireName()).isEqualTo(wire);
        assertThat(Role.fromWire(wire)).isEqualTo(role);
    }

    @Test
    void givenAWireNameInAnotherCase_thenItStillReadsAsTheRole() {
        assertThat(Role.fromWire("Admin")).isEqualTo(ADMIN);
        assertThat(Role.fromWire("OWNER")).isEqualTo(OWNER);
    }

    @Test
    void givenATurkishDefaultLocale_thenWireNamesAreUnchanged() {
        // in Turkish, "ADMIN".toLowerCase() is "admın" and "admin".toUpperCase() is "ADMİN"
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(ADMIN.wireName()).isEqualTo("admin");
            assertThat(Role.fromWire("admin")).isEqualTo(ADMIN);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void givenAnUnknownWireName_thenItIsRefused() {
        assertThatThrownBy(() -> Role.fromWire("superuser")).isInstanceOf(IllegalArgumentException.class);
    }
}
