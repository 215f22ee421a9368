# Scoring cases, one block per case, blocks separated by a blank line.
# Lines starting with '#' are comments. A block has three parts:
#
# 1. the question set: a file name in tests/data/diag/ or questions/
# 2. the answers of the company under test: "qid=option ..." ("qid=" is a
#    skip, "*=option" answers every question that has that option, later
#    words win, "-" is no answer at all); " / " separates successive
#    assessments, oldest first (the last one is scored). An assessment is
#    marked completed when every asked scored question has an answer.
#    Set-up lines may follow:
#      industry X             the company's industry (default E)
#      peers.min N            the config value (default 5)
#      peer X*N ANSWERS       N other companies of industry X
#      ref X CATEGORY SCORE N SOURCE...   a reference average
# 3. expectations, each a keyword and the value as shown (scores rounded
#    half-up to one decimal, "-" for none):
#      overall SCORE GRADE [cmp V] [prev V]
#      category ID SCORE GRADE [cmp V] [n N] [answered A/B] [weak yes|no]
#               [prev V]
#      categories ID...       the scored categories, in order
#      selfcheck N            sum of points of the self-check questions
#      comparison SOURCE N [REFERENCE]   industry|reference|all|none
#      priorities Q:P ...     the whole list, highest first
#      top Q:P ...            its first entries
#      unknown Q ...          the "to check next time" list
#      one_star ready | missing STEP[:QUESTION]:REASON ...
#      two_star ready | missing STEP[:QUESTION]:REASON ...
#      completed yes|no
#      progress A/B           answered / asked scored questions
#
# tests/data/diag/small.yaml: basics-1..5 (weights 2 2 2 1 1; costs free
# low free paid free; sa 1-5; selfcheck 1-3 on basics-1..3), rules-1
# (policy written), rules-2 (policy published), office-1 (low), office-2
# (paid), network-1 (unscored). Every scored question is worth 4.

# Everything done: full marks, nothing to do.
small.yaml
*=done
overall 100.0 A
category basics 100.0 A answered 5/5 weak no
category rules 100.0 A answered 2/2
category office 100.0 A answered 2/2
categories basics rules office
selfcheck 12
comparison none 0
priorities -
unknown -
one_star ready
two_star missing selfcheck-4:no-question selfcheck-5:no-question selfcheck-6:no-question selfcheck-7:no-question selfcheck-8:no-question selfcheck-9:no-question selfcheck-10:no-question selfcheck-11:no-question selfcheck-12:no-question selfcheck-13:no-question selfcheck-14:no-question selfcheck-15:no-question selfcheck-16:no-question selfcheck-17:no-question selfcheck-18:no-question selfcheck-19:no-question selfcheck-20:no-question selfcheck-21:no-question selfcheck-22:no-question selfcheck-23:no-question selfcheck-24:no-question selfcheck-25:no-question
completed yes
progress 9/9

# na leaves numerator and denominator: office is 0/4, not 0/8.
small.yaml
*=done office-1=na office-2=no
category office 0.0 D answered 1/1 weak yes
overall 87.5 A
progress 9/9
completed yes
priorities office-2:3.0

# A category whose questions are all na has no score, and is left out of
# the overall.
small.yaml
*=done office-1=na office-2=na
category office - - answered 0/0 weak no
overall 100.0 A
categories basics rules office
priorities -

# unknown scores its points (-1) and goes to "to check next time".
# basics: 4+4+4+4-1 = 15/20; overall 31/36; priority 5 x 2 x 1.0 x 1.0.
small.yaml
*=done basics-1=unknown
category basics 75.0 B weak no
overall 86.1 A
selfcheck 7
unknown basics-1
priorities basics-1:10.0
one_star missing sa-1:basics-1:unknown
two_star missing one-star:one-star-not-ready selfcheck-4:no-question selfcheck-5:no-question selfcheck-6:no-question selfcheck-7:no-question selfcheck-8:no-question selfcheck-9:no-question selfcheck-10:no-question selfcheck-11:no-question selfcheck-12:no-question selfcheck-13:no-question selfcheck-14:no-question selfcheck-15:no-question selfcheck-16:no-question selfcheck-17:no-question selfcheck-18:no-question selfcheck-19:no-question selfcheck-20:no-question selfcheck-21:no-question selfcheck-22:no-question selfcheck-23:no-question selfcheck-24:no-question selfcheck-25:no-question

# All unknown: negative sums are 0, never negative; the self-check sum
# may be negative. Every category is D (weak): x1.5. Ties keep question
# order (basics-1 before basics-3; basics-5, rules-1, rules-2).
small.yaml
*=unknown
overall 0.0 D
category basics 0.0 D
category rules 0.0 D
category office 0.0 D
selfcheck -3
unknown basics-1 basics-2 basics-3 basics-4 basics-5 rules-1 rules-2 office-1 office-2 network-1
priorities basics-1:15.0 basics-3:15.0 basics-2:12.0 basics-5:7.5 rules-1:7.5 rules-2:7.5 office-1:6.0 basics-4:3.8 office-2:3.8
completed yes

# The overall score is the pooled ratio (28/36), not the mean of the
# category scores ((100 + 0 + 100) / 3 = 66.7).
small.yaml
*=done rules-1=no rules-2=no
overall 77.8 B
category rules 0.0 D weak yes
priorities rules-1:6.0 rules-2:6.0
two_star missing selfcheck-4:no-question selfcheck-5:no-question selfcheck-6:no-question selfcheck-7:no-question selfcheck-8:no-question selfcheck-9:no-question selfcheck-10:no-question selfcheck-11:no-question selfcheck-12:no-question selfcheck-13:no-question selfcheck-14:no-question selfcheck-15:no-question selfcheck-16:no-question selfcheck-17:no-question selfcheck-18:no-question selfcheck-19:no-question selfcheck-20:no-question selfcheck-21:no-question selfcheck-22:no-question selfcheck-23:no-question selfcheck-24:no-question selfcheck-25:no-question policy-written:rules-1:not-done policy-published:rules-2:not-done

# Skipped questions count neither way; the assessment stays in progress.
small.yaml
basics-1=done basics-2= rules-1=partly
category basics 100.0 A answered 1/5
category rules 50.0 C answered 1/2 weak yes
category office - - answered 0/2
overall 75.0 B
selfcheck 4
progress 2/9
completed no
priorities rules-1:3.0
one_star missing sa-2:basics-2:unanswered sa-3:basics-3:unanswered sa-4:basics-4:unanswered sa-5:basics-5:unanswered

# Nothing answered (one skip is stored): no scores at all.
small.yaml
-
overall - -
category basics - - answered 0/5
selfcheck 0
progress 0/9
completed no
priorities -
unknown -

# Grade boundaries: 16/20 = 80.0 is an A; 6/8 = 75.0 a B.
small.yaml
*=done basics-5=no office-2=partly
category basics 80.0 A weak no
category office 75.0 B weak no
priorities basics-5:4.0 office-2:1.0
top basics-5:4.0

# partly: half the points; B is not weak without a comparison.
small.yaml
*=partly
overall 50.0 C
category basics 50.0 C weak yes
selfcheck 6
top basics-1:6.0 basics-3:6.0 basics-2:4.8
one_star missing sa-1:basics-1:not-done sa-2:basics-2:not-done sa-3:basics-3:not-done sa-4:basics-4:not-done sa-5:basics-5:not-done
