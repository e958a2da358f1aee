package dev.turnstile.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.common.Unavailable;
import dev.turnstile.tenancy.TenantContext;
import dev.turnstile.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class PoolExhaustionTest {

    @Test
    void givenNoConnectionFreesUpInTime_thenTheRequestIsToldToRetry_notAServerError() throws Exception {
        try (var pool = DataSources.pooled(TestDatabase.get().app().getJdbcUrl(), TestDatabase.APP_ROLE, null, 1)) {
            pool.setConnectionTimeout(300);
            var tx = new JdbcTransactions(pool);
            try (var held = pool.getConnection()) {
                assertThat(held.isValid(1)).isTrue();
                assertThatThrownBy(() -> tx.read(TenantContext.none(), () -> 1))
                        .isInstanceOf(Unavailable.class)
                        .hasMessageContaining("retry");
            }
            assertThat(tx.read(TenantContext.none(), () -> 1)).isEqualTo(1);
        }
    }
}
