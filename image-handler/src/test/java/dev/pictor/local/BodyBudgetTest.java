package dev.pictor.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Request bodies at once stay within their share of memory; one returned makes room for the next. */
class BodyBudgetTest {

    @Test
    void bodiesBeyondTheBudgetWaitForRoom() {
        BodyBudget budget = new BodyBudget(100 * 1024);
        assertTrue(budget.take(60 * 1024));
        assertFalse(budget.take(50 * 1024), "60 + 50 KB in a 100 KB budget");
        assertTrue(budget.take(0), "a GET takes nothing");
        budget.give(60 * 1024);
        assertTrue(budget.take(50 * 1024));
    }
}
