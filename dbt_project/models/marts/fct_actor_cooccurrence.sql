{#- Pairs of actors named together: in the same sentence (actor mentions) or the same event
    (actor1 and actor2 of an asserted event), with counts and the latest evidence sentence, so
    "in what company is X in the news?" is one filter. actor_key_a < actor_key_b. -#}

with actor_mentions as (
    select * from {{ ref('fct_actor_mentions') }}
    where not is_deleted and actor_key <> 'unknown'
),

events as (
    select * from {{ ref('fct_events') }}
    where not is_deleted
),

event_mentions as (
    select * from {{ ref('fct_event_mentions') }}
    where not is_deleted
),

sentence_pairs as (
    select distinct
        a.actor_key as actor_key_a,
        b.actor_key as actor_key_b,
        a.article_id,
        a.sentence_index,
        a.sentence,
        a.day
    from actor_mentions as a
    inner join actor_mentions as b
        on
            a.article_id = b.article_id
            and a.sentence_index = b.sentence_index
            and a.actor_key < b.actor_key
),

event_pairs as (
    select
        case when e.actor1_key < e.actor2_key then e.actor1_key else e.actor2_key end as actor_key_a,
        case when e.actor1_key < e.actor2_key then e.actor2_key else e.actor1_key end as actor_key_b,
        e.event_id,
        e.event_date
    from events as e
    where e.actor1_key <> e.actor2_key and e.actor1_key <> 'unknown' and e.actor2_key <> 'unknown'
),

sentence_counts as (
    select
        actor_key_a,
        actor_key_b,
        count(*) as sentences,
        count(distinct article_id) as articles,
        min(day) as first_day,
        max(day) as last_day
    from sentence_pairs
    group by actor_key_a, actor_key_b
),

latest_sentence as (
    select
        actor_key_a,
        actor_key_b,
        article_id as latest_article_id,
        sentence as latest_sentence,
        row_number() over (
            partition by actor_key_a, actor_key_b order by day desc, article_id desc, sentence_index asc
        ) as recency
    from sentence_pairs
),

event_counts as (
    select
        actor_key_a,
        actor_key_b,
        count(*) as events,
        min(event_date) as first_day,
        max(event_date) as last_day
    from event_pairs
    group by actor_key_a, actor_key_b
),

latest_event as (
    select
        p.actor_key_a,
        p.actor_key_b,
        p.event_id as latest_event_id,
        m.sentence as latest_event_sentence,
        row_number() over (
            partition by p.actor_key_a, p.actor_key_b
            order by p.event_date desc, p.event_id desc, m.event_mention_id asc
        ) as recency
    from event_pairs as p
    left join event_mentions as m on p.event_id = m.event_id
),

pairs as (
    select
        actor_key_a,
        actor_key_b
    from sentence_counts
    union
    select
        actor_key_a,
        actor_key_b
    from event_counts
),

final as (
    select
        pairs.actor_key_a,
        pairs.actor_key_b,
        cast(coalesce(s.sentences, 0) as {{ dbt.type_bigint() }}) as sentences,
        cast(coalesce(s.articles, 0) as {{ dbt.type_bigint() }}) as articles,
        cast(coalesce(e.events, 0) as {{ dbt.type_bigint() }}) as events,
        case
            when s.first_day is null then e.first_day
            when e.first_day is null then s.first_day
            when s.first_day < e.first_day then s.first_day
            else e.first_day
        end as first_day,
        case
            when s.last_day is null then e.last_day
            when e.last_day is null then s.last_day
            when s.last_day > e.last_day then s.last_day
            else e.last_day
        end as last_day,
        ls.latest_article_id,
        ls.latest_sentence,
        le.latest_event_id,
        le.latest_event_sentence
    from pairs
    left join sentence_counts as s
        on pairs.actor_key_a = s.actor_key_a and pairs.actor_key_b = s.actor_key_b
    left join event_counts as e
        on pairs.actor_key_a = e.actor_key_a and pairs.actor_key_b = e.actor_key_b
    left join latest_sentence as ls
        on pairs.actor_key_a = ls.actor_key_a and pairs.actor_key_b = ls.actor_key_b and ls.recency = 1
    left join latest_event as le
        on pairs.actor_key_a = le.actor_key_a and pairs.actor_key_b = le.actor_key_b and le.recency = 1
)

select * from final
