{{ config(materialized='view') }}

{#- Actors whose mention volume in a week is unusual against their own trailing baseline
    (the previous `trending_baseline_weeks` weeks, missing weeks counted as zero), with the
    numbers that make it so. Filter week_start to the week you care about and sort by z_score. -#}

{{ trending_weeks(ref('agg_actor_day'), 'actor_key', ['actor_id']) }}
