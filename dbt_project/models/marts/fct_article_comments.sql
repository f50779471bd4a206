{{
    config(
        materialized='incremental',
        unique_key='partition_date',
        incremental_strategy='delete+insert',
    )
}}

{#- Reader comments kept apart from the article body: never coded for events, available for
    analysts who study reactions. A re-run of a day replaces that day's rows. -#}

with comments as (
    select * from {{ ref('stg_raw__comments') }}
    {% if is_incremental() %}
    where partition_date = cast('{{ sitrep_run_date() }}' as date)
    {% endif %}
),

final as (
    select
        comment_id,
        article_id,
        comment_position,
        comment_text,
        partition_date
    from comments
)

select * from final
