/* user/glibc/pthread-cond.c: a condition-variable ping-pong. Two threads
 * take turns for 2000 rounds: each waits on the condition variable until
 * `turn` names it, appends its id to a log, hands the turn over and
 * signals. The log must alternate strictly (0, 1, 0, 1, ...), each thread
 * must have had exactly half of the rounds, and the threads must really
 * have slept in pthread_cond_wait, each wait ending only when signalled
 * (a condition variable that returned at once would be called millions of
 * times as the player spins; one that never slept, zero times). */
#include <pthread.h>
#include <stdint.h>
#include "selfcheck.h"

#define ROUNDS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int turn, steps;
static unsigned char order[ROUNDS];
static int waits[2], done[2];

static void *player(void *arg)
{
	int me = (int)(intptr_t)arg;

	pthread_mutex_lock(&lock);
	for (;;) {
		while (turn != me && steps < ROUNDS) {
			waits[me]++;
			pthread_cond_wait(&changed, &lock);
		}
		if (steps >= ROUNDS)
			break;
		order[steps++] = (unsigned char)me;
		done[me]++;
		turn = !me;
		pthread_cond_signal(&changed);
	}
	pthread_cond_broadcast(&changed);  /* the other may wait for a turn that never comes */
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t th[2];
	int created = 0, joined = 0, bad = -1;

	selfcheck_prog = "pthread-cond";
	for (intptr_t i = 0; i < 2; i++)
		created += pthread_create(&th[i], NULL, player, (void *)i) == 0;
	check(created == 2, "two players started");
	for (int i = 0; i < created; i++)
		joined += pthread_join(th[i], NULL) == 0;
	check(joined == 2, "both players joined");
	for (int i = 0; i < ROUNDS && bad < 0; i++)
		if (order[i] != (i & 1))
			bad = i;
	check(steps == ROUNDS && bad < 0, "%d rounds in strict alternation%s", steps,
	      bad < 0 ? "" : " (broken)");
	if (bad >= 0)
		printf("pthread-cond: first out-of-turn step %d by player %d\n", bad, order[bad]);
	check(done[0] == ROUNDS / 2 && done[1] == ROUNDS / 2, "each player had half the rounds (%d, %d)",
	      done[0], done[1]);
	check(waits[0] > 0 && waits[1] > 0 && waits[0] <= ROUNDS && waits[1] <= ROUNDS,
	      "both players slept in pthread_cond_wait, at most twice per own turn (%d, %d times)",
	      waits[0], waits[1]);
	return finish();
}
