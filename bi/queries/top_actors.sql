-- Top actors: mentions in articles in the latest 7 days vs the 7 days before (marts.agg_actor_day)
with latest as (
    select max("day") as last_day from marts.agg_actor_day
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
left join marts.dim_actors as actors
    on weekly.actor_key = actors.actor_key and actors.is_current
where coalesce(weekly.this_week, 0) > 0 or coalesce(weekly.last_week, 0) > 0
