{{ config(materialized='view') }}

{#- Actors whose mention volume in a week is unusual against their own trailing baseline
    (the previous `trending_baseline_weeks` weeks, missing weeks counted as zero), with the
    numbers that make it so. Filter week_start to the week you care about and sort by z_score. -#}

with daily as (
    select * from {{ ref('agg_actor_day') }}
),

weeks as (
    select
        actor_key,
        max(actor_id) as actor_id,
        cast({{ dbt.date_trunc('week', '"day"') }} as date) as week_start,
        sum(mentions) as mentions,
        sum(articles) as articles,
        sum(sources) as sources
    from daily
    group by actor_key, cast({{ dbt.date_trunc('week', '"day"') }} as date)
),

baseline as (
    select
        this_week.actor_key,
        this_week.week_start,
    {% for lag in range(1, var('trending_baseline_weeks') + 1) %}
        coalesce(
            max(
                case
                    when
                        earlier.week_start = cast({{ dbt.dateadd('week', -lag, 'this_week.week_start') }} as date)
                        then earlier.mentions
                end
            ),
            0
        )
            as mentions_minus_{{ lag }}{{ ',' if not loop.last }}
    
    {% endfor %}
    from weeks as this_week
    left join weeks as earlier
        on
            this_week.actor_key = earlier.actor_key
            and this_week.week_start > earlier.week_start
            and earlier.week_start
            >= cast({{ dbt.dateadd('week', -var('trending_baseline_weeks'), 'this_week.week_start') }} as date)
    group by this_week.actor_key, this_week.week_start
),

stats as (
    select
        actor_key,
        week_start,
        (
            {% for lag in range(1, var('trending_baseline_weeks') + 1) %}                mentions_minus_{{ lag }}{{ ' + ' if not loop.last }}                                                                                                                                {% endfor %}
        )
        / {{ var('trending_baseline_weeks') }}.0 as baseline_mean,
        mentions_minus_1 as mentions_last_week
    from baseline
),

spread as (
    select
        baseline.actor_key,
        baseline.week_start,
        sqrt((
            {% for lag in range(1, var('trending_baseline_weeks') + 1) %}
                (baseline.mentions_minus_{{ lag }} - stats.baseline_mean)
                * (baseline.mentions_minus_{{ lag }} - stats.baseline_mean){{ ' + ' if not loop.last }}
            {% endfor %}
        ) / {{ var('trending_baseline_weeks') }}.0) as baseline_sd
    from baseline
    inner join stats on baseline.actor_key = stats.actor_key and baseline.week_start = stats.week_start
),

final as (
    select
        weeks.*,
        stats.mentions_last_week,
        weeks.mentions - stats.mentions_last_week as change_from_last_week,
        stats.baseline_mean,
        spread.baseline_sd,
        -- a floor of 1 on the spread keeps a first mention from looking infinitely unusual
        (weeks.mentions - stats.baseline_mean) / (case when spread.baseline_sd < 1 then 1 else spread.baseline_sd end)
            as z_score,
        weeks.mentions >= 3
        and (weeks.mentions - stats.baseline_mean)
        / (case when spread.baseline_sd < 1 then 1 else spread.baseline_sd end)
        >= 2
            as is_trending
    from weeks
    inner join stats on weeks.actor_key = stats.actor_key and weeks.week_start = stats.week_start
    inner join spread on weeks.actor_key = spread.actor_key and weeks.week_start = spread.week_start
)

select * from final
