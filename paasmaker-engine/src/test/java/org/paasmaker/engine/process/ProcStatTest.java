package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.PaasmakerException;

class ProcStatTest {

    private static final String AFTER_STATE = " 2030 2031 2032 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 485411 3133440 413"
            + " 18446744073709551615 94715052437504 94715052457385 140720497198736 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";

    @Test
    void fieldsAreCountedFromTheLastParenthesisSoANameWithSpacesAndParenthesesParses() {
        ProcStat stat = ProcStat.parse("4242 (a) S 1 (b c) R" + AFTER_STATE + "\n");

        assertThat(stat).isEqualTo(new ProcStat(4242, 'R', 2030, 2031, 2032, 485411));
    }

    @Test
    void aZombieHasEnded() {
        assertThat(ProcStat.parse("7 (sleep) Z" + AFTER_STATE).hasEnded()).isTrue();
        assertThat(ProcStat.parse("7 (sleep) S" + AFTER_STATE).hasEnded()).isFalse();
    }

    @Test
    void aLineInAnotherFormatIsAClearError() {
        assertThatThrownBy(() -> ProcStat.parse("7 sleep S 1 2 3"))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("'7 sleep S 1 2 3'");
        assertThatThrownBy(() -> ProcStat.parse("7 (sleep) S x" + AFTER_STATE))
                .isInstanceOf(PaasmakerException.class);
    }

    @Test
    void theJvmItselfIsFoundAmongAllProcesses() {
        long self = ProcessHandle.current().pid();

        assertThat(ProcStat.all()).extracting(ProcStat::pid).contains(self);
        assertThat(ProcStat.of(self).orElseThrow().parentPid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
    }
}
