-- Top actors: mentions in articles in the latest 7 days vs the 7 days before (marts.agg_actor_day).
-- Sources are never actors: who reported an event (the Syrian Observatory, a news agency, an
-- army's press office: dim_actors.actor_type 'media_monitor') is fct_events.source_original.
with latest as (
    select max("day") as last_day from marts.agg_actor_day
),

actors as (
    select
        actor_key,
        actor_name,
        actor_type
    from marts.dim_actors
    where is_current
),

weekly as (
    select
        agg.actor_key,
        sum(agg.mentions) filter (where agg."day" > latest.last_day - 7) as this_week,
        sum(agg.mentions) filter (
            where agg."day" <= latest.last_day - 7 and agg."day" > latest.last_day - 14
        ) as last_week
    from marts.agg_actor_day as agg cross join latest
    where agg.actor_id is not null  -- named actors only: unresolved surface forms are no ranking
    group by agg.actor_key
)

select
    coalesce(actors.actor_name, weekly.actor_key) as actor_name,
    coalesce(weekly.this_week, 0) as this_week,
    coalesce(weekly.last_week, 0) as last_week,
    coalesce(weekly.this_week, 0) - coalesce(weekly.last_week, 0) as change,
    case
        when weekly.last_week > 0
            then round(100.0 * (weekly.this_week - weekly.last_week) / weekly.last_week)
    end as change_pct
from weekly
left join actors on weekly.actor_key = actors.actor_key
where
    (coalesce(weekly.this_week, 0) > 0 or coalesce(weekly.last_week, 0) > 0)
    and actors.actor_type is distinct from 'media_monitor'
